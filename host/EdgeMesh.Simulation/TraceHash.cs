namespace EdgeMesh.Simulation
{
    /// <summary>
    /// A running 64-bit hash of every event a run processes (time, kind, node, frame length and
    /// frame sequence). Same seed and options give the same value; any change in behaviour changes it.
    /// </summary>
    public sealed class TraceHash
    {
        private ulong state = 0xCBF29CE484222325UL;

        /// <summary>The hash so far.</summary>
        public ulong Value
        {
            get { return Finish(state); }
        }

        /// <summary>Folds one value in.</summary>
        public void Add(ulong value)
        {
            state = (state ^ value) * 0x100000001B3UL;
            state ^= state >> 29;
        }

        /// <summary>16 lower-case hex digits of <see cref="Value"/>.</summary>
        public override string ToString()
        {
            return EdgeMesh.Protocol.Wire.Hex.FormatUInt64(Value);
        }

        private static ulong Finish(ulong x)
        {
            x ^= x >> 33;
            x *= 0xFF51AFD7ED558CCDUL;
            x ^= x >> 33;
            x *= 0xC4CEB9FE1A85EC53UL;
            x ^= x >> 33;
            return x;
        }
    }
}
