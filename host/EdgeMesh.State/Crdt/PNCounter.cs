using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>A counter that goes up and down: a grow-only counter of increments and one of decrements.</summary>
    public sealed class PNCounter : IDeltaCrdt<PNCounter>
    {
        private PNCounter(GCounter up, GCounter down)
        {
            Up = up;
            Down = down;
        }

        /// <summary>Increments.</summary>
        internal GCounter Up { get; }

        /// <summary>Decrements.</summary>
        internal GCounter Down { get; }

        /// <inheritdoc />
        public bool IsEmpty => Up.IsEmpty && Down.IsEmpty;

        /// <summary>Increments minus decrements (two's complement, wraps).</summary>
        public long Value => unchecked((long)(Up.Value - Down.Value));

        /// <summary>Adds <paramref name="amount"/> (negative: subtracts) at <paramref name="node"/>; returns the delta.</summary>
        public PNCounter Add(ulong node, long amount)
        {
            var delta = new PNCounter(new GCounter(), new GCounter());
            if (amount >= 0)
            {
                delta.Up.MergeFrom(Up.Increment(node, (ulong)amount));
            }
            else
            {
                delta.Down.MergeFrom(Down.Increment(node, unchecked((ulong)(-amount))));
            }

            return delta;
        }

        /// <inheritdoc />
        public bool MergeFrom(PNCounter other)
        {
            return Up.MergeFrom(other.Up) | Down.MergeFrom(other.Down);
        }

        /// <inheritdoc />
        public PNCounter Clone()
        {
            return new PNCounter(Up.Clone(), Down.Clone());
        }

        /// <inheritdoc />
        public void WriteTo(StateWriter writer)
        {
            writer.WriteByte((byte)CrdtKind.PNCounter);
            Up.WriteSlots(writer);
            Down.WriteSlots(writer);
        }

        /// <inheritdoc />
        public static PNCounter CreateEmpty()
        {
            return new PNCounter(new GCounter(), new GCounter());
        }

        /// <inheritdoc />
        public static StateError TryRead(ref StateReader reader, out PNCounter? value)
        {
            value = null;
            StateError error = CrdtHeader.Expect(ref reader, CrdtKind.PNCounter);
            GCounter? up = null;
            GCounter? down = null;
            if (error == StateError.None)
            {
                error = GCounter.TryReadSlots(ref reader, out up);
            }

            if (error == StateError.None)
            {
                error = GCounter.TryReadSlots(ref reader, out down);
            }

            if (error == StateError.None)
            {
                value = new PNCounter(up!, down!);
            }

            return error;
        }
    }
}
