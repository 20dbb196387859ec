using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using EdgeMesh.Bridge.Configuration;
using EdgeMesh.Bridge.Mesh;
using EdgeMesh.Bridge.Tests.Brokers;
using EdgeMesh.Bridge.Tests.Fakes;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Bridge.Tests.Integration
{
    /// <summary>What the bridge lets into the mesh, and the JSON form on the broker (real Mosquitto).</summary>
    public sealed class InboundPolicyTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

        [Fact]
        public async Task Commands_need_the_required_user_property_and_the_mesh_may_refuse_them()
        {
            using var broker = new MosquittoBroker();
            var mesh = new FakeMesh { Decide = (p, _) => p.Topic.StartsWith("cmd/forbidden", StringComparison.Ordinal) ? MeshAcceptance.Forbidden : MeshAcceptance.Accepted };
            BridgeRuleConfig rule = BridgeFactory.Rule("in", "cmd/#", 1);
            rule.RequireUserProperties["role"] = "dispatcher";
            await using MqttBridge bridge = BridgeFactory.Create(BridgeFactory.Config(new[] { broker.Uri }, "gw-a", v5: true, rule), mesh);
            await bridge.StartAsync();
            Assert.True(await bridge.WaitConnectedAsync(Wait));
            await using TestMqttClient scada = await TestMqttClient.ConnectAsync(broker.Port, "scada");

            await scada.PublishAsync("cmd/r1", Encoding.ASCII.GetBytes("no property"), 1);
            await scada.PublishAsync("cmd/r1", Encoding.ASCII.GetBytes("wrong value"), 1, "role", "visitor");
            await scada.PublishAsync("cmd/forbidden/r1", Encoding.ASCII.GetBytes("refused by the mesh"), 1, "role", "dispatcher");
            await scada.PublishAsync("cmd/r1", Encoding.ASCII.GetBytes("allowed"), 1, "role", "dispatcher");

            Assert.True(await Eventually.TrueAsync(() => bridge.GetStatus().Rules[0].Rejected == 3 && mesh.Imported.Count == 1, Wait));
            Assert.Equal("allowed", Encoding.ASCII.GetString(mesh.Imported.Single().Payload.Span));
            Assert.Equal(1, bridge.GetStatus().Rules[0].MessagesIn);
            Assert.Equal(0, bridge.MeshUnavailable); // refusals are final: acknowledged, not redelivered forever
        }

        [Fact]
        public async Task Json_rules_carry_typed_payloads_as_json_both_ways()
        {
            using var broker = new MosquittoBroker();
            var mesh = new FakeMesh();
            await using TestMqttClient scada = await TestMqttClient.ConnectAsync(broker.Port, "scada");
            await scada.SubscribeAsync("plant/telemetry/#", 1);
            await using MqttBridge bridge = BridgeFactory.Create(
                BridgeFactory.Config(
                    new[] { broker.Uri },
                    "gw-a",
                    v5: true,
                    BridgeFactory.Rule("out", "telemetry/#", 1, mqttPrefix: "plant/", format: "json"),
                    BridgeFactory.Rule("in", "cmd/#", 1, mqttPrefix: "plant/", format: "json")),
                mesh);
            await bridge.StartAsync();
            Assert.True(await bridge.WaitConnectedAsync(Wait));

            byte[] bin = new byte[32];
            Assert.Equal(FrameError.None, TelemetryCodec.Encode(new ushort[] { 3 }, new[] { 21.5f }, 0, 1, bin, 0, bin.Length, out int n));
            mesh.PublishLocal("telemetry/r1", PayloadType.Telemetry, bin.AsSpan(0, n).ToArray());
            Assert.True(await Eventually.TrueAsync(() => !scada.Received.IsEmpty, Wait));
            Assert.Equal("""{"type":"telemetry","readings":[{"sensor":3,"value":21.5}]}""", Encoding.UTF8.GetString(scada.Received.Single().Payload));

            await scada.PublishAsync("plant/cmd/r1", Encoding.UTF8.GetBytes("""{"type":"motion","sequence":9,"linear":[0.5,0,0],"angular":[0,0,0.1],"durationMs":500}"""), 1);
            await scada.PublishAsync("plant/cmd/r1", Encoding.UTF8.GetBytes("""{"type":"motion","sequence":"nine"}"""), 1);
            Assert.True(await Eventually.TrueAsync(() => mesh.Imported.Count == 1 && bridge.GetStatus().Rules[1].Rejected == 1, Wait));
            MeshPublication command = mesh.Imported.Single();
            Assert.Equal(PayloadType.MotionCommand, command.PayloadType);
            Assert.Equal(FrameError.None, MotionCommandCodec.Decode(command.Payload.ToArray(), 0, command.Payload.Length, out MotionCommand motion));
            Assert.Equal(9u, motion.Sequence);
            Assert.Equal(500u, motion.DurationMs);
        }
    }
}
