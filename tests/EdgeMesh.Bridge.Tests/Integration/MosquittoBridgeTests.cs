using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using EdgeMesh.Bridge.Configuration;
using EdgeMesh.Bridge.Mesh;
using EdgeMesh.Bridge.Tests.Brokers;
using EdgeMesh.Bridge.Tests.Fakes;

namespace EdgeMesh.Bridge.Tests.Integration
{
    /// <summary>The bridge against a real Mosquitto started for each test on a free loopback port.</summary>
    public sealed class MosquittoBridgeTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

        [Theory]
        [InlineData(true, 0)]
        [InlineData(true, 1)]
        [InlineData(false, 0)]
        [InlineData(false, 1)]
        public async Task Mesh_messages_reach_an_mqtt_subscriber(bool v5, int qos)
        {
            using var broker = new MosquittoBroker();
            var mesh = new FakeMesh();
            await using TestMqttClient subscriber = await TestMqttClient.ConnectAsync(broker.Port, "scada", v5);
            await subscriber.SubscribeAsync("site-a/#", qos);
            BridgeConfig config = BridgeFactory.Config(new[] { broker.Uri }, "gw-a", v5, BridgeFactory.Rule("out", "fleet/#", qos, mqttPrefix: "site-a/"));
            await using MqttBridge bridge = BridgeFactory.Create(config, mesh);
            await bridge.StartAsync();
            Assert.True(await bridge.WaitConnectedAsync(Wait), broker.Log);

            const int count = 200;
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(1, mesh.PublishLocal("fleet/r1/telemetry", 0, Encoding.ASCII.GetBytes("m" + i)));
            }

            Assert.True(await Eventually.TrueAsync(() => Distinct(subscriber.Received) >= count, Wait), "received " + Distinct(subscriber.Received));
            Assert.All(subscriber.Received, m => Assert.Equal("site-a/fleet/r1/telemetry", m.Topic));
            Assert.True(await Eventually.TrueAsync(() => bridge.GetStatus().Rules[0].MessagesOut == count, Wait));
            Assert.Equal(0, bridge.GetStatus().Queued);
        }

        [Theory]
        [InlineData(true, 0)]
        [InlineData(true, 1)]
        [InlineData(false, 0)]
        [InlineData(false, 1)]
        public async Task Mqtt_messages_reach_the_mesh_marked_as_bridged(bool v5, int qos)
        {
            using var broker = new MosquittoBroker();
            var mesh = new FakeMesh();
            BridgeConfig config = BridgeFactory.Config(new[] { broker.Uri }, "gw-a", v5, BridgeFactory.Rule("in", "cmd/#", qos, meshPrefix: "ops/", mqttPrefix: "site-a/"));
            await using MqttBridge bridge = BridgeFactory.Create(config, mesh);
            await bridge.StartAsync();
            Assert.True(await bridge.WaitConnectedAsync(Wait));
            await using TestMqttClient scada = await TestMqttClient.ConnectAsync(broker.Port, "scada", v5);

            const int count = 100;
            for (int i = 0; i < count; i++)
            {
                await scada.PublishAsync("site-a/cmd/r1", Encoding.ASCII.GetBytes("c" + i), qos);
            }

            await scada.PublishAsync("site-b/cmd/r1", Encoding.ASCII.GetBytes("not ours"), qos);
            Assert.True(await Eventually.TrueAsync(() => mesh.Imported.Count >= count, Wait), "imported " + mesh.Imported.Count);
            Assert.All(mesh.Imported, p =>
            {
                Assert.Equal("ops/cmd/r1", p.Topic);
                Assert.True(p.FromBridge);
            });
            Assert.Equal(count, mesh.Imported.Select(p => Encoding.ASCII.GetString(p.Payload.Span)).Distinct().Count());
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task A_qos1_message_is_acknowledged_only_after_the_mesh_accepted_it(bool v5)
        {
            using var broker = new MosquittoBroker();
            // The mesh cannot take any message the first time it is offered: only a bridge that withheld
            // the PUBACK gets it again from the broker. Acknowledging first would lose every one.
            var mesh = new FakeMesh { Decide = (_, attempt) => attempt == 1 ? MeshAcceptance.Unavailable : MeshAcceptance.Accepted };
            BridgeConfig config = BridgeFactory.Config(new[] { broker.Uri }, "gw-a", v5, BridgeFactory.Rule("in", "cmd/#", 1));
            await using MqttBridge bridge = BridgeFactory.Create(config, mesh);
            await bridge.StartAsync();
            Assert.True(await bridge.WaitConnectedAsync(Wait));
            await using TestMqttClient scada = await TestMqttClient.ConnectAsync(broker.Port, "scada", v5);

            const int count = 10;
            for (int i = 0; i < count; i++)
            {
                await scada.PublishAsync("cmd/r" + i, Encoding.ASCII.GetBytes("c" + i), 1);
            }

            Assert.True(
                await Eventually.TrueAsync(() => mesh.Imported.Select(p => p.Topic).Distinct().Count() == count, Wait),
                "accepted " + mesh.Imported.Count + " of " + count + " after " + mesh.PublishAttempts + " attempts");
            Assert.True(bridge.MeshUnavailable >= count);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Broker_restart_while_traffic_flows_loses_nothing_the_bridge_accepted(bool v5)
        {
            using var broker = new MosquittoBroker();
            var mesh = new FakeMesh();
            await using TestMqttClient subscriber = await TestMqttClient.ConnectAsync(broker.Port, "scada", v5, cleanSession: false);
            await subscriber.SubscribeAsync("fleet/#", 1);
            BridgeConfig config = BridgeFactory.Config(new[] { broker.Uri }, "gw-a", v5, BridgeFactory.Rule("out", "fleet/#", 1));
            await using MqttBridge bridge = BridgeFactory.Create(config, mesh);
            await bridge.StartAsync();
            Assert.True(await bridge.WaitConnectedAsync(Wait));

            const int count = 600;
            var accepted = new List<string>();
            Task traffic = Task.Run(async () =>
            {
                for (int i = 0; i < count; i++)
                {
                    string text = "m" + i;
                    if (mesh.PublishLocal("fleet/r1", 0, Encoding.ASCII.GetBytes(text)) == 1)
                    {
                        lock (accepted)
                        {
                            accepted.Add(text);
                        }
                    }

                    await Task.Delay(2);
                }
            });

            Assert.True(await Eventually.TrueAsync(() => Distinct(subscriber.Received) >= 100, Wait));
            broker.Stop();
            await Task.Delay(700);
            broker.Start();
            await subscriber.ReconnectAsync(broker.Port, "scada", v5, cleanSession: false);
            await traffic;

            Assert.Equal(count, accepted.Count);
            Assert.True(
                await Eventually.TrueAsync(() => Distinct(subscriber.Received) >= count, Wait),
                "received " + Distinct(subscriber.Received) + " of " + count + "; queued " + bridge.QueueCount);
            Assert.Empty(accepted.Except(subscriber.Received.Select(m => Encoding.ASCII.GetString(m.Payload))));
            Assert.True(bridge.GetStatus().Reconnects >= 1);
        }

        [Fact]
        public async Task Queued_messages_survive_a_bridge_restart_while_the_broker_is_down()
        {
            using var broker = new MosquittoBroker();
            await using TestMqttClient subscriber = await TestMqttClient.ConnectAsync(broker.Port, "scada", v5: true, cleanSession: false);
            await subscriber.SubscribeAsync("fleet/#", 1);
            broker.Stop();

            BridgeConfig config = BridgeFactory.Config(new[] { broker.Uri }, "gw-a", v5: true, BridgeFactory.Rule("out", "fleet/#", 1));
            config.QueueFlushToDisk = true;
            var mesh = new FakeMesh();
            MqttBridge first = BridgeFactory.Create(config, mesh);
            await first.StartAsync();
            const int count = 50;
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(1, mesh.PublishLocal("fleet/r1", 0, Encoding.ASCII.GetBytes("q" + i)));
            }

            Assert.Equal(count, first.GetStatus().Queued);
            await first.DisposeAsync(); // the daemon stops (or dies) with everything still queued

            broker.Start();
            await subscriber.ReconnectAsync(broker.Port, "scada", v5: true, cleanSession: false);
            await using MqttBridge second = BridgeFactory.Create(config, new FakeMesh());
            Assert.Equal(count, second.GetStatus().Queued);
            await second.StartAsync();
            Assert.True(await Eventually.TrueAsync(() => Distinct(subscriber.Received) >= count, Wait), "received " + Distinct(subscriber.Received));
            Assert.True(await Eventually.TrueAsync(() => second.GetStatus().Queued == 0, Wait));
            await second.DisposeAsync();
            using var reopened = new EdgeMesh.Bridge.Queue.PersistentOutbox(config.QueueDirectory, 10, flushToDisk: false);
            Assert.Equal(0, reopened.Count); // every acknowledgement was recorded too
        }

        [Theory]
        [InlineData(true, true)]
        [InlineData(false, true)]
        [InlineData(true, false)]
        [InlineData(false, false)]
        public async Task Two_sites_on_one_broker_exchange_traffic_without_a_loop(bool v5, bool meshKeepsMark)
        {
            using var broker = new MosquittoBroker();
            var siteA = new FakeMesh { KeepsBridgedMark = meshKeepsMark };
            var siteB = new FakeMesh { KeepsBridgedMark = meshKeepsMark };
            await using TestMqttClient monitor = await TestMqttClient.ConnectAsync(broker.Port, "monitor", v5);
            await monitor.SubscribeAsync("fleet/#", 1);
            await using MqttBridge a = BridgeFactory.Create(BridgeFactory.Config(new[] { broker.Uri }, "gw-a", v5, BridgeFactory.Rule("both", "fleet/#", 1)), siteA);
            await using MqttBridge b = BridgeFactory.Create(BridgeFactory.Config(new[] { broker.Uri }, "gw-b", v5, BridgeFactory.Rule("both", "fleet/#", 1)), siteB);
            await a.StartAsync();
            await b.StartAsync();
            Assert.True(await a.WaitConnectedAsync(Wait));
            Assert.True(await b.WaitConnectedAsync(Wait));

            const int count = 20;
            for (int i = 0; i < count; i++)
            {
                siteA.PublishLocal("fleet/a/status", 0, Encoding.ASCII.GetBytes("a" + i));
                siteB.PublishLocal("fleet/b/status", 0, Encoding.ASCII.GetBytes("b" + i));
            }

            Assert.True(await Eventually.TrueAsync(() => siteA.Imported.Count >= count && siteB.Imported.Count >= count, Wait));
            await Task.Delay(1500); // a loop would keep the broker busy from here on

            Assert.Equal(2 * count, monitor.Received.Count);
            Assert.Equal(count, siteA.Imported.Count);
            Assert.Equal(count, siteB.Imported.Count);
            Assert.All(siteA.Imported, p => Assert.Equal("fleet/b/status", p.Topic));
            Assert.All(siteB.Imported, p => Assert.Equal("fleet/a/status", p.Topic));
            Assert.True(a.GetStatus().Rules[0].EchoesSuppressed >= count, "site A suppressed " + a.GetStatus().Rules[0].EchoesSuppressed);
        }

        [Fact]
        public async Task A_message_the_broker_refuses_is_kept_and_retried_without_spinning()
        {
            using var broker = new MosquittoBroker(acl: "topic readwrite fleet/ok/#\n");
            var mesh = new FakeMesh();
            await using TestMqttClient subscriber = await TestMqttClient.ConnectAsync(broker.Port, "scada");
            await subscriber.SubscribeAsync("fleet/#", 1);
            await using MqttBridge bridge = BridgeFactory.Create(BridgeFactory.Config(new[] { broker.Uri }, "gw-a", v5: true, BridgeFactory.Rule("out", "fleet/#", 1)), mesh);
            await bridge.StartAsync();
            Assert.True(await bridge.WaitConnectedAsync(Wait));

            mesh.PublishLocal("fleet/denied", 0, Encoding.ASCII.GetBytes("not authorised"));
            for (int i = 0; i < 20; i++)
            {
                mesh.PublishLocal("fleet/ok/r1", 0, Encoding.ASCII.GetBytes("ok" + i));
            }

            Assert.True(await Eventually.TrueAsync(() => Distinct(subscriber.Received) == 20, Wait));
            await Task.Delay(2000);
            Assert.Equal(1, bridge.QueueCount); // kept for a later retry, not dropped
            Assert.InRange(bridge.BrokerRefusals, 2, 12); // about two attempts a second, not a tight loop
            Assert.Equal(20, Distinct(subscriber.Received));
        }

        [Fact]
        public async Task A_dead_first_broker_is_skipped_for_the_next_in_the_list()
        {
            using var broker = new MosquittoBroker();
            int dead = FreePorts.Take(1)[0];
            var mesh = new FakeMesh();
            await using TestMqttClient subscriber = await TestMqttClient.ConnectAsync(broker.Port, "scada");
            await subscriber.SubscribeAsync("fleet/#", 1);
            await using MqttBridge bridge = BridgeFactory.Create(
                BridgeFactory.Config(new[] { "mqtt://127.0.0.1:" + dead, broker.Uri }, "gw-a", v5: true, BridgeFactory.Rule("out", "fleet/#", 1)),
                mesh);
            await bridge.StartAsync();
            Assert.Equal(1, mesh.PublishLocal("fleet/r1", 0, Encoding.ASCII.GetBytes("queued before any connection")));
            Assert.True(await bridge.WaitConnectedAsync(Wait), "failures " + bridge.GetStatus().ConnectFailures + " at " + bridge.GetStatus().Broker);
            Assert.Equal(broker.Uri, bridge.GetStatus().Broker);
            Assert.True(bridge.GetStatus().ConnectFailures >= 1);
            Assert.True(await Eventually.TrueAsync(() => Distinct(subscriber.Received) == 1, Wait));
        }

        private static int Distinct(IEnumerable<(string Topic, byte[] Payload)> received)
        {
            return received.Select(m => Encoding.ASCII.GetString(m.Payload)).Distinct().Count();
        }
    }
}
