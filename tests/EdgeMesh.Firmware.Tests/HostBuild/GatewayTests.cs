using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Host.Gateway;
using EdgeMesh.Firmware.Host.Simulation;
using EdgeMesh.Firmware.Motion;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Protocol.Payloads;

namespace EdgeMesh.Firmware.Tests.HostBuild
{
    /// <summary>The gateway's radio side on the simulated segment, with a recording mesh uplink.</summary>
    public sealed class GatewayTests
    {
        [Fact]
        public void Gateway_uplinks_provisioned_nodes_only_and_carries_a_command_to_the_farthest_node_and_its_ack_back()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 5, ForeignNodes = 1, Seed = 6 });
            ulong[] ids = fleet.Boards.Select(b => b.Node!.Id.Value).ToArray();
            ulong unprovisioned = ids[2];
            var uplink = new RecordingUplink();
            var radio = new SimulatedRadio(EdgeMesh.Hardware.Radio.RadioChip.Sx1276, fleet.Air, fleet.Scheduler, 0, 5);
            Assert.Equal(EdgeMesh.Hardware.Radio.RadioResult.Ok, radio.Open(RadioSettings.DefaultSx1276()));
            var gateway = new SegmentGateway(radio.Driver, 0x6777000000000001, fleet.SegmentKey, RadioSettings.DefaultSx1276(),
                ids.Where(id => id != unprovisioned), uplink, 1, maxPendingCommands: 8, fleet.NowMs);

            Run(fleet, gateway, 240_000);

            foreach (ulong id in ids.Where(id => id != unprovisioned))
            {
                Assert.Contains(uplink.Messages, m => m.Origin == id && m.Topic == FirmwareTopics.Heartbeat && m.PayloadType == PayloadType.Heartbeat);
                Assert.Contains(uplink.Messages, m => m.Origin == id && m.Topic == FirmwareTopics.Telemetry);
            }

            Assert.DoesNotContain(uplink.Messages, m => m.Origin == unprovisioned);
            Assert.True(gateway.NotProvisioned > 0);
            Assert.True(gateway.Link.MacFailures > 0, "the foreign node's frames fail the MAC at the gateway");
            Assert.DoesNotContain(uplink.Messages, m => fleet.ForeignBoards.Any(f => f.Node!.Id.Value == m.Origin));

            // Downlink: refused for an unprovisioned node; for the farthest node repeated until acknowledged.
            Assert.False(gateway.SubmitMotion(unprovisioned, new MotionCommand(1, new Vector3F(0.2f, 0, 0), default, 1000)));
            ulong target = ids[^1];
            string ackTopic = FirmwareTopics.MotionFor(target) + SegmentGateway.AckTopicSuffix;
            for (uint sequence = 1; sequence <= 5 && !uplink.Messages.Any(m => m.Topic == ackTopic); sequence++)
            {
                Assert.True(gateway.SubmitMotion(target, new MotionCommand(sequence, new Vector3F(0.2f, 0, 0), default, 1000)));
                Run(fleet, gateway, 5_000);
            }

            Assert.Contains(uplink.Messages, m => m.Topic == ackTopic && m.Origin == target && m.PayloadType == MotionAckCodec.PayloadType);
            Assert.True(fleet.Boards[^1].Node!.Motion.Applied >= 1);
            Assert.Equal(1, gateway.CommandsRefused);
            Run(fleet, gateway, 2_000);
            Assert.Equal(0, fleet.Boards[^1].Left.Duty); // commands stopped coming: the node stopped its motors
        }

        [Fact]
        public void Downlink_keeps_only_the_newest_command_per_node_and_refuses_when_the_table_is_full()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 3, Seed = 8 });
            ulong[] ids = fleet.Boards.Select(b => b.Node!.Id.Value).ToArray();
            var radio = new SimulatedRadio(EdgeMesh.Hardware.Radio.RadioChip.Sx1276, fleet.Air, fleet.Scheduler, 0, 5);
            radio.Open(RadioSettings.DefaultSx1276());
            var gateway = new SegmentGateway(radio.Driver, 0x6777000000000002, fleet.SegmentKey, RadioSettings.DefaultSx1276(), ids, new RecordingUplink(), 1, maxPendingCommands: 2, fleet.NowMs);

            Assert.True(gateway.SubmitMotion(ids[0], new MotionCommand(1, new Vector3F(0.1f, 0, 0), default, 500)));
            Assert.True(gateway.SubmitMotion(ids[0], new MotionCommand(2, new Vector3F(0.2f, 0, 0), default, 500)));
            Assert.True(gateway.SubmitMotion(ids[1], new MotionCommand(1, new Vector3F(0.2f, 0, 0), default, 500)));
            Assert.False(gateway.SubmitMotion(ids[2], new MotionCommand(1, new Vector3F(0.2f, 0, 0), default, 500)));

            Assert.Equal(2, gateway.PendingCommands);
            Assert.Equal(1, gateway.CommandsReplaced);
            Assert.Equal(1, gateway.CommandsRefused);
            gateway.Service(fleet.NowMs);
            Assert.Equal(0, gateway.PendingCommands);
            Assert.Equal(2, gateway.CommandsSent);
        }

        private static void Run(FirmwareFleet fleet, SegmentGateway gateway, long durationMs)
        {
            for (long end = fleet.NowMs + durationMs; fleet.NowMs < end;)
            {
                fleet.RunFor(FirmwareFleet.LoopPeriodMs);
                gateway.Service(fleet.NowMs);
            }
        }

        private sealed class RecordingUplink : IMeshUplink
        {
            internal List<(string Topic, ushort PayloadType, ulong Origin, ulong Sequence)> Messages { get; } = new();

            public bool Publish(string topic, ushort payloadType, System.ReadOnlySpan<byte> payload, ulong originNode, ulong originSequence)
            {
                Messages.Add((topic, payloadType, originNode, originSequence));
                return true;
            }
        }
    }
}
