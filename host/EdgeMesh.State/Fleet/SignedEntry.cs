using System;
using System.Collections.Generic;
using EdgeMesh.Security;
using EdgeMesh.State.Clocks;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Fleet
{
    /// <summary>
    /// One write to the fleet state, signed by its author (docs/fleet-state.md §5): the key, the
    /// value (null: a removal), the author's hybrid timestamp, and for every other author that had
    /// written the key the latest of their timestamps the author had seen (what this write
    /// replaces). The signature covers all of it, so an entry proves itself whoever relays it.
    /// </summary>
    public sealed class SignedEntry
    {
        /// <summary>Most other authors one entry can replace (bounds the per-key state).</summary>
        public const int MaxSupersedes = 16;

        private static ReadOnlySpan<byte> Domain => "edgemesh/state-entry/v1"u8;

        internal SignedEntry(string key, byte[]? value, HybridTimestamp timestamp, IReadOnlyList<HybridTimestamp> supersedes, byte[] signature)
        {
            Key = key;
            Value = value;
            Timestamp = timestamp;
            Supersedes = supersedes;
            Signature = signature;
        }

        /// <summary>The key.</summary>
        public string Key { get; }

        /// <summary>The value, or null for a removal.</summary>
        public byte[]? Value { get; }

        /// <summary>When it was written; <see cref="HybridTimestamp.Node"/> is the author.</summary>
        public HybridTimestamp Timestamp { get; }

        /// <summary>The author's node id.</summary>
        public ulong Author => Timestamp.Node;

        /// <summary>The latest write of each other author the author had seen on this key, sorted by author.</summary>
        public IReadOnlyList<HybridTimestamp> Supersedes { get; }

        /// <summary>Ed25519 signature by the author over <see cref="WriteSigned"/>'s bytes.</summary>
        public byte[] Signature { get; }

        /// <summary>True for a removal.</summary>
        public bool IsTombstone => Value == null;

        /// <summary>Creates and signs an entry.</summary>
        public static SignedEntry Create(string key, byte[]? value, HybridTimestamp timestamp, IReadOnlyList<HybridTimestamp> supersedes, Ed25519KeyPair author)
        {
            ArgumentNullException.ThrowIfNull(author);
            var writer = new StateWriter(128);
            WriteSigned(writer, key, value, timestamp, supersedes);
            byte[] signature = new byte[Ed25519KeyPair.SignatureLength];
            author.Sign(writer.Written, signature);
            return new SignedEntry(key, value, timestamp, supersedes, signature);
        }

        /// <summary>True when the signature verifies under <paramref name="publicKey"/>.</summary>
        public bool VerifySignature(ReadOnlySpan<byte> publicKey, StateWriter scratch)
        {
            ArgumentNullException.ThrowIfNull(scratch);
            scratch.Reset();
            WriteSigned(scratch, Key, Value, Timestamp, Supersedes);
            return Ed25519KeyPair.Verify(publicKey, scratch.Written, Signature);
        }

        /// <summary>The entry after its key: timestamp, value flag and value, supersedes, signature.</summary>
        internal void WriteBody(StateWriter writer)
        {
            Timestamp.WriteTo(writer);
            if (Value == null)
            {
                writer.WriteByte(0);
            }
            else
            {
                writer.WriteByte(1);
                writer.WriteBytes(Value);
            }

            writer.WriteVarint((ulong)Supersedes.Count);
            foreach (HybridTimestamp s in Supersedes)
            {
                s.WriteTo(writer);
            }

            writer.WriteRaw(Signature);
        }

        internal static StateError TryReadBody(ref StateReader reader, string key, out SignedEntry? entry)
        {
            entry = null;
            StateError error = HybridTimestamp.TryRead(ref reader, out HybridTimestamp ts);
            byte flag = 0;
            if (error == StateError.None)
            {
                error = reader.ReadByte(out flag);
            }

            byte[]? value = null;
            if (error == StateError.None)
            {
                if (flag == 1)
                {
                    error = reader.ReadBytes(StateLimits.MaxValueBytes, out byte[] v);
                    value = v;
                }
                else if (flag != 0)
                {
                    error = StateError.NotCanonical;
                }
            }

            int count = 0;
            if (error == StateError.None)
            {
                error = reader.ReadCount(MaxSupersedes, 10, out count);
            }

            var supersedes = new List<HybridTimestamp>(count);
            for (int i = 0; i < count && error == StateError.None; i++)
            {
                error = HybridTimestamp.TryRead(ref reader, out HybridTimestamp s);
                if (error == StateError.None)
                {
                    if (s.Node == ts.Node || (i > 0 && s.Node <= supersedes[i - 1].Node))
                    {
                        error = StateError.NotCanonical;
                    }

                    supersedes.Add(s);
                }
            }

            ReadOnlySpan<byte> signature = default;
            if (error == StateError.None)
            {
                error = reader.ReadRaw(Ed25519KeyPair.SignatureLength, out signature);
            }

            if (error == StateError.None)
            {
                entry = new SignedEntry(key, value, ts, supersedes, signature.ToArray());
            }

            return error;
        }

        private static void WriteSigned(StateWriter writer, string key, byte[]? value, HybridTimestamp timestamp, IReadOnlyList<HybridTimestamp> supersedes)
        {
            writer.WriteRaw(Domain);
            writer.WriteKey(key);
            timestamp.WriteTo(writer);
            if (value == null)
            {
                writer.WriteByte(0);
            }
            else
            {
                writer.WriteByte(1);
                writer.WriteBytes(value);
            }

            writer.WriteVarint((ulong)supersedes.Count);
            foreach (HybridTimestamp s in supersedes)
            {
                s.WriteTo(writer);
            }
        }
    }
}
