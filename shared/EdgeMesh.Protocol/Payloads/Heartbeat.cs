namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// A node's periodic health report: status, battery, uptime and pose (docs/payloads.md §3).
    /// Encode and decode it with <see cref="HeartbeatCodec"/>.
    /// </summary>
    public readonly struct Heartbeat
    {
        /// <summary>Largest state of charge: 10000 × 0.01 % = 100 %.</summary>
        public const ushort MaxStateOfCharge = 10000;

        /// <summary>State of charge of a node that has no battery or cannot measure it.</summary>
        public const ushort StateOfChargeUnknown = 0xFFFF;

        /// <summary>Creates a heartbeat.</summary>
        /// <param name="status">Overall state.</param>
        /// <param name="stateOfCharge">Battery charge in 0.01 % units, 0..10000, or <see cref="StateOfChargeUnknown"/>.</param>
        /// <param name="batteryMillivolts">Battery voltage in millivolts; 0 when not measured.</param>
        /// <param name="uptimeSeconds">Seconds since the node started.</param>
        /// <param name="pose">Position and orientation.</param>
        public Heartbeat(NodeStatus status, ushort stateOfCharge, ushort batteryMillivolts, uint uptimeSeconds, Pose pose)
        {
            Status = status;
            StateOfCharge = stateOfCharge;
            BatteryMillivolts = batteryMillivolts;
            UptimeSeconds = uptimeSeconds;
            Pose = pose;
        }

        /// <summary>Overall state.</summary>
        public NodeStatus Status { get; }

        /// <summary>Battery charge in 0.01 % units (0..10000), or <see cref="StateOfChargeUnknown"/>.</summary>
        public ushort StateOfCharge { get; }

        /// <summary>Battery voltage in millivolts; 0 when not measured.</summary>
        public ushort BatteryMillivolts { get; }

        /// <summary>Seconds since the node started (wraps after about 136 years).</summary>
        public uint UptimeSeconds { get; }

        /// <summary>Position (metres) and orientation.</summary>
        public Pose Pose { get; }
    }
}
