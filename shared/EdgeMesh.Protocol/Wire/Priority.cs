namespace EdgeMesh.Protocol.Wire
{
    /// <summary>
    /// Delivery class; 2 bits on the wire. Lower values are more urgent: under back-pressure
    /// queues drop <see cref="Bulk"/> first and <see cref="Control"/> last.
    /// </summary>
    public enum Priority : byte
    {
        /// <summary>Membership, acknowledgements, emergency stop.</summary>
        Control = 0,

        /// <summary>Motion commands: late is as bad as lost.</summary>
        Motion = 1,

        /// <summary>Periodic sensor and health readings.</summary>
        Telemetry = 2,

        /// <summary>Maps, logs, model output: throughput over latency.</summary>
        Bulk = 3,
    }
}
