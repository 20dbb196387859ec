using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>
    /// The topics a node publishes on and listens to, the same names the host fleet uses
    /// (fleet/heartbeat, fleet/telemetry, robot/ID/motion with the id as 16 hex digits).
    /// </summary>
    public static class FirmwareTopics
    {
        /// <summary>Heartbeats of every node.</summary>
        public const string Heartbeat = "fleet/heartbeat";

        /// <summary>Telemetry of every node.</summary>
        public const string Telemetry = "fleet/telemetry";

        /// <summary>The motion topic of node <paramref name="nodeId"/>.</summary>
        public static string MotionFor(ulong nodeId)
        {
            return "robot/" + Hex.FormatUInt64(nodeId) + "/motion";
        }
    }
}
