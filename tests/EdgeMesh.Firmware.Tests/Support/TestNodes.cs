using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Boards;
using EdgeMesh.Firmware.Host.Simulation;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Tests.Support
{
    /// <summary>Provisioning records and firmware nodes on test doubles.</summary>
    internal static class TestNodes
    {
        internal static NodeProvisioning Provisioning(ulong id, byte keySeed = 7)
        {
            var p = new NodeProvisioning
            {
                NodeId = id,
                BoardName = BoardCatalog.Esp32S3Sx1276,
                Radio = RadioSettings.DefaultSx1276(),
                HeartbeatIntervalSeconds = 10,
                TelemetryIntervalSeconds = 20,
                CommandTimeoutMs = 500,
            };
            for (int i = 0; i < p.SegmentKey.Length; i++)
            {
                p.SegmentKey[i] = (byte)(keySeed + i);
            }

            return p;
        }

        /// <summary>A firmware node on a loopback radio with a simulated INA219 and recording motors.</summary>
        internal static (FirmwareNode Node, SimulatedIna219 Battery, RecordingMotor Left, RecordingMotor Right, SimulatedReset Reset) OnLoopback(
            NodeProvisioning provisioning, LoopbackRadio radio, long nowMs, FirmwareOptions? options = null)
        {
            var battery = new SimulatedIna219(0x40, 100, 3750);
            var left = new RecordingMotor();
            var right = new RecordingMotor();
            var reset = new SimulatedReset();
            var hardware = new NodeHardware(radio, battery, left, right, reset);
            var node = new FirmwareNode(provisioning, BoardCatalog.Find(BoardCatalog.Esp32S3Sx1276)!, hardware, options ?? FirmwareOptions.For(provisioning.Radio), 1, nowMs);
            return (node, battery, left, right, reset);
        }
    }
}
