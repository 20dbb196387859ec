using EdgeMesh.Protocol.Dedup;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Frames
{
    /// <summary>
    /// The portable per-sender <see cref="SequenceWindow"/> as <see cref="FrameVerifier"/>'s replay
    /// window: a sequence is accepted once, and sequences older than the window are refused.
    /// </summary>
    public sealed class SequenceReplayWindow : ISequenceWindow
    {
        private readonly SequenceWindow _window;

        /// <summary>Wraps <paramref name="window"/> (bounded by its own sender capacity and width).</summary>
        public SequenceReplayWindow(SequenceWindow window)
        {
            _window = window;
        }

        /// <summary>Creates a window for up to <paramref name="senderCapacity"/> senders, each remembering <paramref name="windowWords"/> × 64 sequences.</summary>
        public SequenceReplayWindow(int senderCapacity, int windowWords)
            : this(new SequenceWindow(senderCapacity, windowWords))
        {
        }

        /// <summary>Senders forgotten to make room for others.</summary>
        public long Evictions
        {
            get { return _window.Evictions; }
        }

        /// <inheritdoc />
        public bool TryAccept(NodeId sender, ulong sequence)
        {
            if (_window.Check(sender.Value, sequence) != SequenceVerdict.New)
            {
                return false;
            }

            _window.Record(sender.Value, sequence);
            return true;
        }
    }
}
