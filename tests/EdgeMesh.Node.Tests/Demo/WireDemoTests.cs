using System.IO;
using EdgeMesh.Node.Demo;

namespace EdgeMesh.Node.Tests.Demo
{
    public sealed class WireDemoTests
    {
        [Theory]
        [InlineData(32, 1)]
        [InlineData(32, 99)]
        [InlineData(8, 7)]
        [InlineData(255, 3)]
        public void Every_message_arrives_once_over_both_links(int mtu, int seed)
        {
            var output = new StringWriter();
            DemoResult result = new WireDemo(output, mtu, seed, 1_763_700_000_000).Run();

            Assert.Equal(6, result.FramesSent);
            Assert.Equal(6, result.DeliveredOverSerial);
            Assert.Equal(6, result.DeliveredOverRadio);
            Assert.Equal(1, result.DuplicatesSuppressed);
            string text = output.ToString();
            Assert.Contains("[serial] seq=2 Direct/Motion: MotionCommand #17", text, StringComparison.Ordinal);
            Assert.Contains("[radio] seq=4 Direct/Bulk: Text \"dock 3 is free, heading there\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("not delivered", text, StringComparison.Ordinal);
        }
    }
}
