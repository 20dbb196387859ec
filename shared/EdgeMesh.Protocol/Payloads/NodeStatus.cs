namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// A node's overall state as reported in a heartbeat (one byte, docs/payloads.md §3.1).
    /// Values above <see cref="Maintenance"/> are rejected with
    /// <see cref="Wire.FrameError.FieldOutOfRange"/>: a new state needs a new layout version.
    /// </summary>
    public enum NodeStatus : byte
    {
        /// <summary>Working normally.</summary>
        Ok = 0,

        /// <summary>Working with reduced capability (a sensor lost, low battery, weak link).</summary>
        Degraded = 1,

        /// <summary>Not able to do its job; needs attention.</summary>
        Fault = 2,

        /// <summary>Docked and charging; not available for tasks.</summary>
        Charging = 3,

        /// <summary>The emergency stop is engaged: actuators are disabled.</summary>
        EmergencyStop = 4,

        /// <summary>Starting up; not yet ready for tasks.</summary>
        Booting = 5,

        /// <summary>Taken out of service by an operator.</summary>
        Maintenance = 6,
    }
}
