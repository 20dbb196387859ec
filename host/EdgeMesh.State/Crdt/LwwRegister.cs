using System;
using EdgeMesh.State.Clocks;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>
    /// A last-writer-wins register: the write with the largest hybrid timestamp wins (node id breaks
    /// ties inside the timestamp; equal timestamps with different bytes, which only a faulty writer
    /// produces, are ordered by the bytes so every replica still picks the same one).
    /// </summary>
    public sealed class LwwRegister : IDeltaCrdt<LwwRegister>
    {
        /// <summary>The winning write's timestamp (zero when never written).</summary>
        public HybridTimestamp Timestamp { get; private set; }

        /// <summary>The winning value (empty when never written).</summary>
        public byte[] Value { get; private set; } = Array.Empty<byte>();

        /// <inheritdoc />
        public bool IsEmpty => Timestamp.IsZero;

        /// <summary>Writes <paramref name="value"/> at <paramref name="timestamp"/>; returns the delta (the write).</summary>
        public LwwRegister Set(byte[] value, HybridTimestamp timestamp)
        {
            ArgumentNullException.ThrowIfNull(value);
            var delta = new LwwRegister { Timestamp = timestamp, Value = (byte[])value.Clone() };
            MergeFrom(delta);
            return delta;
        }

        /// <inheritdoc />
        public bool MergeFrom(LwwRegister other)
        {
            int c = other.Timestamp.CompareTo(Timestamp);
            if (c > 0 || (c == 0 && ByteOrder.Compare(other.Value, Value) > 0))
            {
                Timestamp = other.Timestamp;
                Value = other.Value;
                return true;
            }

            return false;
        }

        /// <inheritdoc />
        public LwwRegister Clone()
        {
            // Values are never mutated in place, so the copy may share the array.
            return new LwwRegister { Timestamp = Timestamp, Value = Value };
        }

        /// <inheritdoc />
        public void WriteTo(StateWriter writer)
        {
            writer.WriteByte((byte)CrdtKind.LwwRegister);
            if (IsEmpty)
            {
                writer.WriteByte(0);
                return;
            }

            writer.WriteByte(1);
            Timestamp.WriteTo(writer);
            writer.WriteBytes(Value);
        }

        /// <inheritdoc />
        public static LwwRegister CreateEmpty()
        {
            return new LwwRegister();
        }

        /// <inheritdoc />
        public static StateError TryRead(ref StateReader reader, out LwwRegister? value)
        {
            value = null;
            StateError error = CrdtHeader.Expect(ref reader, CrdtKind.LwwRegister);
            byte flag = 0;
            if (error == StateError.None)
            {
                error = reader.ReadByte(out flag);
            }

            if (error != StateError.None)
            {
                return error;
            }

            if (flag == 0)
            {
                value = new LwwRegister();
                return StateError.None;
            }

            if (flag != 1)
            {
                return StateError.NotCanonical;
            }

            error = HybridTimestamp.TryRead(ref reader, out HybridTimestamp ts);
            byte[] bytes = Array.Empty<byte>();
            if (error == StateError.None)
            {
                error = reader.ReadBytes(StateLimits.MaxValueBytes, out bytes);
            }

            if (error == StateError.None)
            {
                value = new LwwRegister { Timestamp = ts, Value = bytes };
            }

            return error;
        }
    }
}
