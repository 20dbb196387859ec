namespace EdgeMesh.Bridge.Topics
{
    /// <summary>How a rule writes payloads on the broker side.</summary>
    internal enum PayloadFormat
    {
        /// <summary>The mesh payload bytes unchanged.</summary>
        Raw = 0,

        /// <summary>The typed payloads (Heartbeat, Telemetry, MotionCommand, Text) as JSON objects.</summary>
        Json = 1,
    }
}
