using EdgeMesh.Bridge.Topics;

namespace EdgeMesh.Bridge.Tests.Unit
{
    public sealed class TopicFilterTests
    {
        [Theory]
        [InlineData("a/b", "a/b", true)]
        [InlineData("a/b", "a/c", false)]
        [InlineData("a/+", "a/b", true)]
        [InlineData("a/+", "a/b/c", false)]
        [InlineData("a/+/c", "a/b/c", true)]
        [InlineData("a/#", "a", true)]
        [InlineData("a/#", "a/b/c", true)]
        [InlineData("#", "a/b", true)]
        [InlineData("+", "a", true)]
        [InlineData("+", "a/b", false)]
        [InlineData("+/+", "/a", true)]
        [InlineData("a/b", "a/bc", false)]
        [InlineData("a/bc", "a/b", false)]
        [InlineData("a/b/c", "a/b", false)]
        [InlineData("#", "$SYS/x", false)]
        [InlineData("+/x", "$SYS/x", false)]
        [InlineData("$SYS/#", "$SYS/x", true)]
        public void Matches_like_mqtt(string filter, string topic, bool expected)
        {
            Assert.Equal(expected, TopicFilter.Matches(filter, topic));
        }

        [Theory]
        [InlineData("a/#", true)]
        [InlineData("#", true)]
        [InlineData("a/+/b", true)]
        [InlineData("a/#/b", false)]
        [InlineData("a/b#", false)]
        [InlineData("a/+b", false)]
        [InlineData("", false)]
        public void Validates_filters(string filter, bool valid)
        {
            Assert.Equal(valid, TopicFilter.IsValidFilter(filter));
        }

        [Fact]
        public void Rule_maps_between_prefixes_and_only_inside_its_pattern()
        {
            var rule = new BridgeRule("r", BridgeDirection.Both, "robots/+/telemetry", "site/", "plant-7/edge/", 1, PayloadFormat.Raw, 0, System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>());
            Assert.Equal("plant-7/edge/robots/r1/telemetry", rule.MapOut("site/robots/r1/telemetry"));
            Assert.Equal("site/robots/r1/telemetry", rule.MapIn("plant-7/edge/robots/r1/telemetry"));
            Assert.Null(rule.MapOut("robots/r1/telemetry"));
            Assert.Null(rule.MapOut("site/robots/r1/pose"));
            Assert.Null(rule.MapIn("plant-8/edge/robots/r1/telemetry"));
            var outOnly = new BridgeRule("o", BridgeDirection.Out, "#", string.Empty, string.Empty, 0, PayloadFormat.Raw, 0, System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>());
            Assert.Null(outOnly.MapIn("anything"));
            Assert.Equal("anything", outOnly.MapOut("anything"));
        }
    }
}
