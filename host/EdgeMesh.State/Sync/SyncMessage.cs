using System;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Sync
{
    /// <summary>
    /// Layout of an anti-entropy message (docs/fleet-state.md §4): version 1, kind, a sequence and a
    /// base (varints, base ≤ sequence), then a 16-byte state digest (Digest, Ack) or an encoded CRDT
    /// (Delta, Full). A Delta carries the sender's deltas numbered base..sequence−1; its Ack echoes
    /// both numbers, so the sender counts it only when it already had everything below the base
    /// acknowledged (a Delta sent on top of one still unacknowledged cannot stand in for it).
    /// </summary>
    public static class SyncMessage
    {
        /// <summary>Format version.</summary>
        public const byte Version = 1;

        /// <summary>Digest length (BLAKE2b-128 of the canonical state encoding).</summary>
        public const int DigestLength = 16;

        /// <summary>Writes the header of a Delta or Full message; the caller writes the CRDT after it.</summary>
        public static void WriteHeader(StateWriter writer, SyncMessageKind kind, ulong sequence, ulong baseSequence = 0)
        {
            writer.WriteByte(Version);
            writer.WriteByte((byte)kind);
            writer.WriteVarint(sequence);
            writer.WriteVarint(baseSequence);
        }

        /// <summary>Writes a whole Digest or Ack message.</summary>
        public static void WriteDigest(StateWriter writer, SyncMessageKind kind, ulong sequence, ReadOnlySpan<byte> digest, ulong baseSequence = 0)
        {
            WriteHeader(writer, kind, sequence, baseSequence);
            writer.WriteRaw(digest.Slice(0, DigestLength));
        }

        /// <summary>
        /// Splits a message into kind, sequence and body (the digest, or the CRDT bytes, whose decoder
        /// checks them). Never throws.
        /// </summary>
        public static StateError TryParse(ReadOnlySpan<byte> message, out SyncMessageKind kind, out ulong sequence, out int bodyOffset)
        {
            return TryParse(message, out kind, out sequence, out _, out bodyOffset);
        }

        /// <summary>As <see cref="TryParse(ReadOnlySpan{byte}, out SyncMessageKind, out ulong, out int)"/>, with the base sequence.</summary>
        public static StateError TryParse(ReadOnlySpan<byte> message, out SyncMessageKind kind, out ulong sequence, out ulong baseSequence, out int bodyOffset)
        {
            kind = default;
            sequence = 0;
            baseSequence = 0;
            bodyOffset = 0;
            if (message.Length > StateLimits.MaxEncodedBytes)
            {
                return StateError.LimitExceeded;
            }

            var reader = new StateReader(message);
            StateError error = reader.ReadByte(out byte version);
            if (error != StateError.None)
            {
                return error;
            }

            if (version != Version)
            {
                return StateError.UnsupportedVersion;
            }

            error = reader.ReadByte(out byte rawKind);
            if (error != StateError.None)
            {
                return error;
            }

            if (rawKind < (byte)SyncMessageKind.Delta || rawKind > (byte)SyncMessageKind.Ack)
            {
                return StateError.UnknownKind;
            }

            error = reader.ReadVarint(out sequence);
            if (error != StateError.None)
            {
                return error;
            }

            error = reader.ReadVarint(out baseSequence);
            if (error != StateError.None)
            {
                return error;
            }

            if (baseSequence > sequence)
            {
                return StateError.Malformed;
            }

            kind = (SyncMessageKind)rawKind;
            bodyOffset = reader.Position;
            if (kind == SyncMessageKind.Digest || kind == SyncMessageKind.Ack)
            {
                int body = message.Length - bodyOffset;
                return body < DigestLength ? StateError.Truncated : body > DigestLength ? StateError.TrailingBytes : StateError.None;
            }

            return StateError.None;
        }
    }
}
