using System.Linq;
using EdgeMesh.Firmware.Host.Simulation;
using EdgeMesh.Firmware.Motion;
using EdgeMesh.Protocol.Payloads;

namespace EdgeMesh.Firmware.Tests.HostBuild
{
    /// <summary>
    /// The firmware's host build: simulated boards (SX1276 model + the real driver, INA219 model,
    /// recording motors) booted from provisioning records on one simulated radio segment, with the
    /// probe standing where a gateway would. Simulated time; each run takes well under a second.
    /// </summary>
    public sealed class FleetTests
    {
        [Fact]
        public void Every_nodes_heartbeats_reach_the_edge_of_the_segment_the_far_ones_over_relays()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 5, Seed = 3 });

            fleet.RunFor(300_000);

            foreach (SimulatedBoard board in fleet.Boards)
            {
                ulong id = board.Node!.Id.Value;
                Assert.True(board.Node.HeartbeatsSent >= 9, "node " + id.ToString("x16") + " sent " + board.Node.HeartbeatsSent);
                Assert.True(fleet.Probe.HeartbeatsFrom(id) >= board.Node.HeartbeatsSent / 2,
                    "node " + id.ToString("x16") + ": " + fleet.Probe.HeartbeatsFrom(id) + " of " + board.Node.HeartbeatsSent + " heartbeats arrived");
                Assert.True(fleet.Probe.TelemetryFrom(id) >= 2);
                Assert.True(fleet.Probe.TryGetLastHeartbeat(id, out Heartbeat heartbeat));
                Assert.Equal(NodeStatus.Ok, heartbeat.Status);
                Assert.InRange(heartbeat.BatteryMillivolts, 3990, 4000); // the simulated INA219's 4.0 V in 4 mV steps
            }

            // The farthest node is beyond the probe's radio range: its frames arrive relayed.
            ulong farthest = fleet.Boards[^1].Node!.Id.Value;
            Assert.True(fleet.Spacing * fleet.Boards.Count > fleet.RangeMetres);
            Assert.True(fleet.Probe.MaxHopsFrom(farthest) >= 2, "hops " + fleet.Probe.MaxHopsFrom(farthest));
            Assert.Equal(0, fleet.Probe.Link.MacFailures);
            Assert.True(fleet.Boards.Sum(b => b.Node!.Link.RelaysQueued) > 0);
        }

        [Fact]
        public void A_motion_command_reaches_the_farthest_node_is_acknowledged_and_its_motors_stop_when_commands_stop()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 5, Seed = 5, CommandTimeoutMs = 500 });
            fleet.RunFor(5_000);
            SimulatedBoard target = fleet.Boards[^1];
            ulong id = target.Node!.Id.Value;

            // An operator repeats an unacknowledged command (the segment is a lossy shared channel).
            uint sequence = 0;
            for (int attempt = 0; attempt < 5 && fleet.Probe.Acks.Count == 0; attempt++)
            {
                fleet.Probe.SendMotion(id, new MotionCommand(++sequence, new Vector3F(0.3f, 0, 0), new Vector3F(0, 0, 0), 2000), fleet.NowMs);
                for (int i = 0; i < 100 && fleet.Probe.Acks.Count == 0; i++)
                {
                    fleet.RunFor(50);
                }
            }

            Assert.NotEmpty(fleet.Probe.Acks);
            var ack = fleet.Probe.Acks[0];
            Assert.Equal(id, ack.Node);
            Assert.Equal(MotionVerdict.Applied, ack.Verdict);
            Assert.Equal(1, target.Node.Motion.Applied);
            Assert.True(target.Left.Changes >= 1 && target.Right.Changes >= 1, "the motors never ran");

            // No further command: the motors stop after the 500 ms command timeout, not the 2 s duration.
            fleet.RunFor(600);
            Assert.Equal(0, target.Left.Duty);
            Assert.Equal(0, target.Right.Duty);
            Assert.Equal(1, target.Node.Motion.TimeoutStops);
            Assert.All(fleet.Boards.Take(fleet.Boards.Count - 1), b => Assert.Equal(0, b.Node!.Motion.Applied));
        }

        [Fact]
        public void Nrf24_nodes_carry_fragmented_frames_over_the_simulated_chips_and_relays()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Board = "stm32f411-blackpill-nrf24l01", Nodes = 3, Seed = 4 });

            fleet.RunFor(180_000);

            foreach (SimulatedBoard board in fleet.Boards)
            {
                ulong id = board.Node!.Id.Value;
                Assert.True(fleet.Probe.HeartbeatsFrom(id) >= board.Node.HeartbeatsSent / 2,
                    "node " + id.ToString("x16") + ": " + fleet.Probe.HeartbeatsFrom(id) + " of " + board.Node.HeartbeatsSent);
            }

            Assert.True(fleet.Probe.MaxHopsFrom(fleet.Boards[^1].Node!.Id.Value) >= 1);
            Assert.True(fleet.Probe.Link.PacketsReceived > 3 * fleet.Probe.Link.Delivered, "a 92-byte heartbeat takes four 32-byte packets");
        }

        [Fact]
        public void Nodes_of_another_fleet_are_ignored_and_counted_and_never_relayed()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 3, ForeignNodes = 2, Seed = 7 });

            fleet.RunFor(240_000);

            long macFailures = fleet.Boards.Sum(b => b.Node!.Link.MacFailures) + fleet.Probe.Link.MacFailures;
            Assert.True(macFailures > 0);
            foreach (SimulatedBoard foreign in fleet.ForeignBoards)
            {
                Assert.True(foreign.Node!.HeartbeatsSent > 0);
                Assert.Equal(0, fleet.Probe.HeartbeatsFrom(foreign.Node.Id.Value));
                Assert.True(foreign.Node.Link.MacFailures > 0, "the foreign node should refuse the segment's frames too");
            }

            foreach (SimulatedBoard board in fleet.Boards)
            {
                Assert.True(fleet.Probe.HeartbeatsFrom(board.Node!.Id.Value) > 0);
            }
        }

        [Fact]
        public void A_hung_main_loop_stops_the_motors_and_the_watchdog_reboots_the_node_into_a_fresh_sequence()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 1, Seed = 11, CommandTimeoutMs = 5000, HeartbeatSeconds = 5 });
            fleet.RunFor(2_000);
            SimulatedBoard board = fleet.Boards[0];
            ulong id = board.Node!.Id.Value;
            fleet.Probe.SendMotion(id, new MotionCommand(1, new Vector3F(0.2f, 0, 0), default, 5000), fleet.NowMs);
            fleet.RunFor(1_000);
            Assert.True(board.Node.Motion.IsMoving);
            int heardBefore = fleet.Probe.HeartbeatsFrom(id);

            board.Hung = true; // the loop stops: no ticks, no check-ins, motors left running
            fleet.RunFor(2_500);

            Assert.Equal(1, board.Reset.Resets);
            Assert.Equal(2u, board.BootCount);
            Assert.Equal(0, board.Left.Duty);
            Assert.Equal(0, board.Right.Duty);
            Assert.False(board.Hung);

            // After the reboot the sequence numbers start from the new boot count: the probe's replay
            // window accepts them and heartbeats keep arriving.
            fleet.RunFor(20_000);
            Assert.True(fleet.Probe.HeartbeatsFrom(id) > heardBefore);
            Assert.Equal(0, fleet.Probe.Link.Replays);
        }
    }
}
