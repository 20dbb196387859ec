using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using EdgeMesh.Bridge.Configuration;
using EdgeMesh.Bridge.Tests.Brokers;
using EdgeMesh.Bridge.Tests.Fakes;

namespace EdgeMesh.Bridge.Tests.Integration
{
    /// <summary>
    /// Two sites through a three-server NATS cluster (MQTT 3.1.1 over JetStream): site A on server 1,
    /// site B on server 2, each with the whole cluster as its broker list.
    /// </summary>
    public sealed class NatsClusterBridgeTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

        [Fact]
        public async Task Sites_exchange_traffic_and_survive_losing_the_server_one_is_connected_to()
        {
            using var cluster = new NatsCluster();
            var siteA = new FakeMesh();
            var siteB = new FakeMesh();
            BridgeConfig configA = BridgeFactory.Config(new[] { cluster.Uri(0), cluster.Uri(1), cluster.Uri(2) }, "gw-a", v5: false, BridgeFactory.Rule("both", "fleet/#", 1));
            BridgeConfig configB = BridgeFactory.Config(new[] { cluster.Uri(1), cluster.Uri(2), cluster.Uri(0) }, "gw-b", v5: false, BridgeFactory.Rule("both", "fleet/#", 1));
            await using MqttBridge a = BridgeFactory.Create(configA, siteA);
            await using MqttBridge b = BridgeFactory.Create(configB, siteB);
            await a.StartAsync();
            await b.StartAsync();
            Assert.True(await a.WaitConnectedAsync(Wait), cluster.Log(0));
            Assert.True(await b.WaitConnectedAsync(Wait), cluster.Log(1));

            // Normally server 1; under load JetStream may not serve server 1 yet and A starts on the next one.
            int serverOfA = Array.FindIndex(cluster.MqttPorts, p => a.GetStatus().Broker == "mqtt://127.0.0.1:" + p);
            Assert.True(serverOfA >= 0, a.GetStatus().Broker);

            // Traffic both ways before the failure.
            siteB.PublishLocal("fleet/b/hello", 0, Encoding.ASCII.GetBytes("from b"));
            Assert.True(await Eventually.TrueAsync(() => siteA.Imported.Count == 1, Wait), "site A got nothing from B");
            const int count = 300;
            var accepted = new ConcurrentQueue<string>();
            Task traffic = Task.Run(async () =>
            {
                for (int i = 0; i < count; i++)
                {
                    string text = "a" + i;
                    if (siteA.PublishLocal("fleet/a/telemetry", 0, Encoding.ASCII.GetBytes(text)) == 1)
                    {
                        accepted.Enqueue(text);
                    }

                    await Task.Delay(5);
                }
            });

            Assert.True(await Eventually.TrueAsync(() => siteB.Imported.Count >= 50, Wait), "site B got " + siteB.Imported.Count);
            cluster.Kill(serverOfA); // the server site A is connected to
            await traffic;

            Assert.Equal(count, accepted.Count);
            Assert.True(
                await Eventually.TrueAsync(() => DistinctAt(siteB) >= count, Wait),
                "site B got " + DistinctAt(siteB) + " of " + count + "; A queued " + a.GetStatus().Queued + ", A at " + a.GetStatus().Broker);
            Assert.Empty(accepted.Except(siteB.Imported.Select(p => Encoding.ASCII.GetString(p.Payload.Span))));
            Assert.NotEqual("mqtt://127.0.0.1:" + cluster.MqttPorts[serverOfA], a.GetStatus().Broker);
            Assert.True(a.GetStatus().Reconnects >= 1);

            // And still both ways after it, with no loop: A received exactly B's one message.
            siteB.PublishLocal("fleet/b/hello", 0, Encoding.ASCII.GetBytes("again from b"));
            Assert.True(await Eventually.TrueAsync(() => siteA.Imported.Count == 2, Wait));
            await Task.Delay(1000);
            Assert.Equal(2, siteA.Imported.Count);
        }

        private static int DistinctAt(FakeMesh mesh)
        {
            return mesh.Imported.Where(p => p.Topic == "fleet/a/telemetry").Select(p => Encoding.ASCII.GetString(p.Payload.Span)).Distinct().Count();
        }
    }
}
