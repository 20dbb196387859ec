using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;

namespace EdgeMesh.Security.Tests.Frames
{
    public sealed class SequenceReplayWindowTests
    {
        [Fact]
        public void Accepts_each_sequence_once_and_refuses_ones_older_than_the_window()
        {
            var window = new SequenceReplayWindow(16, 1);
            var sender = new NodeId(0x42);
            Assert.True(window.TryAccept(sender, 1000));
            Assert.True(window.TryAccept(sender, 990));
            Assert.False(window.TryAccept(sender, 990));
            Assert.False(window.TryAccept(sender, 1000));
            Assert.False(window.TryAccept(sender, 1000 - 64));
            Assert.True(window.TryAccept(new NodeId(0x43), 1));
        }
    }
}
