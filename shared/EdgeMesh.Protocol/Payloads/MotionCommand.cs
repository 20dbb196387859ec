namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// A velocity command (docs/payloads.md §4): body-frame linear and angular velocity that stays
    /// valid for <see cref="DurationMs"/> milliseconds after receipt. Encode and decode it with
    /// <see cref="MotionCommandCodec"/>.
    /// </summary>
    public readonly struct MotionCommand
    {
        /// <summary>Creates a command.</summary>
        /// <param name="sequence">Per-commander sequence; receivers ignore commands older than the newest they obeyed.</param>
        /// <param name="linear">Linear velocity x, y, z in m/s; must be finite.</param>
        /// <param name="angular">Angular velocity about x, y, z in rad/s; must be finite.</param>
        /// <param name="durationMs">How long the command stays valid, in milliseconds; 0 means stop now.</param>
        public MotionCommand(uint sequence, Vector3F linear, Vector3F angular, uint durationMs)
        {
            Sequence = sequence;
            Linear = linear;
            Angular = angular;
            DurationMs = durationMs;
        }

        /// <summary>Per-commander sequence number.</summary>
        public uint Sequence { get; }

        /// <summary>Linear velocity x, y, z in m/s.</summary>
        public Vector3F Linear { get; }

        /// <summary>Angular velocity about x, y, z in rad/s.</summary>
        public Vector3F Angular { get; }

        /// <summary>Validity in milliseconds; 0 means stop (the velocities are then ignored).</summary>
        public uint DurationMs { get; }

        /// <summary>True for a stop command (<see cref="DurationMs"/> = 0).</summary>
        public bool IsStop
        {
            get { return DurationMs == 0; }
        }

        /// <summary>A stop command: zero velocities, duration 0.</summary>
        public static MotionCommand Stop(uint sequence)
        {
            return new MotionCommand(sequence, default(Vector3F), default(Vector3F), 0);
        }
    }
}
