using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Channels;
using System.Threading.Tasks;
using EdgeMesh.Bridge.Configuration;
using EdgeMesh.Bridge.Tests.Brokers;
using EdgeMesh.Bridge.Tests.Fakes;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Node.Bench;
using EdgeMesh.Node.Demo;
using EdgeMesh.Security.Frames;

namespace EdgeMesh.Bridge.Tests.Integration
{
    /// <summary>
    /// The bridge behind real daemon nodes: two signed (production mode) nodes on loopback UDP,
    /// the second is the gateway; its bridge reaches the mesh through <see cref="MeshNodePort"/>.
    /// </summary>
    public sealed class DaemonMeshTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Mesh_and_broker_exchange_traffic_through_a_gateway_node_without_echo(bool v5)
        {
            using var broker = new MosquittoBroker();
            await using LocalFleet fleet = LocalFleet.Create(2, SecurityProfile.Production);
            Assert.Equal(2, await fleet.StartAndJoinAsync(Wait, default));
            MeshNode robot = fleet.Nodes[0];
            MeshNode gateway = fleet.Nodes[1];
            await using TestMqttClient scada = await TestMqttClient.ConnectAsync(broker.Port, "scada", v5);
            await scada.SubscribeAsync("plant/#", 1);
            BridgeConfig config = BridgeFactory.Config(
                new[] { broker.Uri },
                "gw",
                v5,
                BridgeFactory.Rule("both", "fleet/status", 1, mqttPrefix: "plant/"),
                BridgeFactory.Rule("in", "cmd/r1", 1, mqttPrefix: "plant/"));
            await using MqttBridge bridge = BridgeFactory.Create(config, new MeshNodePort(gateway));
            await bridge.StartAsync();
            Assert.True(await bridge.WaitConnectedAsync(Wait));

            using Subscription robotInbox = robot.Subscribe(new List<string> { "cmd/r1", "fleet/status" });
            var atRobot = new ConcurrentQueue<MeshMessage>();
            Task reader = Task.Run(async () =>
            {
                ChannelReader<MeshMessage> r = robotInbox.Reader;
                while (await r.WaitToReadAsync())
                {
                    while (r.TryRead(out MeshMessage? m))
                    {
                        atRobot.Enqueue(m);
                    }
                }
            });

            // Out: the robot publishes; the message crosses the mesh to the gateway and the bridge.
            const int count = 50;
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(PublishResult.Published, robot.Publish("fleet/status", 0, Encoding.ASCII.GetBytes("s" + i)));
            }

            Assert.True(await Eventually.TrueAsync(() => scada.Received.Count(m => m.Topic == "plant/fleet/status") >= count, Wait), "scada got " + scada.Received.Count);

            // In: the SCADA commands the robot; it arrives signed by the gateway.
            await scada.PublishAsync("plant/cmd/r1", Encoding.ASCII.GetBytes("dock"), 1);
            await scada.PublishAsync("plant/fleet/status", Encoding.ASCII.GetBytes("from scada"), 1);
            Assert.True(await Eventually.TrueAsync(() => atRobot.Any(m => m.Topic == "cmd/r1") && atRobot.Any(m => Encoding.ASCII.GetString(m.Payload) == "from scada"), Wait));
            Assert.Equal(gateway.Id.ToString(), atRobot.First(m => m.Topic == "cmd/r1").Sender, StringComparer.OrdinalIgnoreCase);

            // No echo: the gateway's own import is not exported again, the broker's copy of the robot's messages not imported.
            await Task.Delay(1000);
            Assert.Equal(count + 1, scada.Received.Count(m => m.Topic == "plant/fleet/status"));
            Assert.Equal(2, bridge.GetStatus().Rules.Sum(r => r.MessagesIn));
            robotInbox.Dispose();
            await reader;
        }
    }
}
