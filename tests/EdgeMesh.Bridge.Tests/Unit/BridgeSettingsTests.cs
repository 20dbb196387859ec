using System.IO;
using System.Text.Json;
using EdgeMesh.Bridge.Configuration;

namespace EdgeMesh.Bridge.Tests.Unit
{
    public sealed class BridgeSettingsTests
    {
        private const string Example = """
            {
              "brokers": ["mqtt://127.0.0.1:1883", "mqtts://broker.example:8883"],
              "clientId": "gw-7",
              "mqttVersion": "5",
              "rules": [
                { "name": "telemetry", "direction": "out", "pattern": "robots/+/telemetry", "mqttPrefix": "plant-7/", "qos": 1, "format": "json" },
                { "name": "commands", "direction": "in", "pattern": "cmd/#", "meshPrefix": "ops/", "qos": 1,
                  "requireUserProperties": { "role": "dispatcher" } }
              ]
            }
            """;

        [Fact]
        public void The_documented_example_compiles()
        {
            BridgeConfig config = JsonSerializer.Deserialize(Example, BridgeConfigJsonContext.Default.BridgeConfig)!;
            Assert.True(BridgeSettings.TryCompile(config, Path.GetTempPath(), out BridgeSettings? s, out string error), error);
            Assert.Equal(2, s!.Brokers.Count);
            Assert.True(s.Brokers[1].Tls);
            Assert.Equal(8883, s.Brokers[1].Port);
            Assert.Equal("plant-7/robots/+/telemetry", s.Rules[0].MqttFilter);
            Assert.Equal("ops/cmd/#", s.Rules[1].MeshFilter);
        }

        [Fact]
        public void Unknown_fields_are_refused()
        {
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{ "brokers": [], "qoss": 1 }""", BridgeConfigJsonContext.Default.BridgeConfig));
        }

        [Theory]
        [InlineData("""{ "rules": [ { "pattern": "#" } ] }""", "bridge.brokers")]
        [InlineData("""{ "brokers": ["http://x"], "rules": [ { "pattern": "#" } ] }""", "scheme")]
        [InlineData("""{ "brokers": ["mqtt://x"], "mqttVersion": "4", "rules": [ { "pattern": "#" } ] }""", "mqttVersion")]
        [InlineData("""{ "brokers": ["mqtt://x"], "rules": [] }""", "bridge.rules")]
        [InlineData("""{ "brokers": ["mqtt://x"], "rules": [ { "pattern": "a/#/b" } ] }""", "pattern")]
        [InlineData("""{ "brokers": ["mqtt://x"], "rules": [ { "pattern": "#", "qos": 2 } ] }""", "qos")]
        [InlineData("""{ "brokers": ["mqtt://x"], "rules": [ { "pattern": "#", "direction": "sideways" } ] }""", "direction")]
        [InlineData("""{ "brokers": ["mqtt://x"], "rules": [ { "pattern": "#", "format": "xml" } ] }""", "format")]
        [InlineData("""{ "brokers": ["mqtt://x"], "rules": [ { "pattern": "#", "mqttPrefix": "a/+/" } ] }""", "prefixes")]
        [InlineData("""{ "brokers": ["mqtt://x"], "mqttVersion": "3.1.1", "rules": [ { "pattern": "#", "requireUserProperties": { "a": "b" } } ] }""", "requireUserProperties")]
        [InlineData("""{ "brokers": ["mqtt://x"], "rules": [ { "name": "x", "pattern": "#" }, { "name": "x", "pattern": "a" } ] }""", "twice")]
        [InlineData("""{ "brokers": ["mqtt://x"], "queueCapacity": 0, "rules": [ { "pattern": "#" } ] }""", "queueCapacity")]
        public void Bad_settings_get_one_line_naming_the_field(string json, string expected)
        {
            BridgeConfig config = JsonSerializer.Deserialize(json, BridgeConfigJsonContext.Default.BridgeConfig)!;
            Assert.False(BridgeSettings.TryCompile(config, Path.GetTempPath(), out _, out string error));
            Assert.Contains(expected, error, System.StringComparison.Ordinal);
        }
    }
}
