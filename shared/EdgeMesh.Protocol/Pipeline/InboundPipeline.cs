using EdgeMesh.Protocol.Dedup;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Pipeline
{
    /// <summary>
    /// The receive path of the wire core: decodes every frame in a datagram or link record,
    /// drops duplicates and replays, authenticates, and hands each new message to the sink once.
    /// </summary>
    /// <remarks>
    /// Order matters: the cheap duplicate checks run before authentication, so a gossip duplicate of
    /// a verified message is never verified again; the sequence is recorded only after
    /// authentication, so a forged frame cannot poison the sender's window. No allocation per frame;
    /// not thread-safe (one per receive loop).
    /// </remarks>
    public sealed class InboundPipeline
    {
        private readonly SeenMessageCache _seen;
        private readonly SequenceWindow _window;
        private readonly IFrameSink _sink;
        private readonly IFrameAuthenticator? _authenticator;
        private readonly int _maxPayloadLength;

        /// <summary>Creates a pipeline; <paramref name="authenticator"/> null means development mode (no authentication).</summary>
        public InboundPipeline(
            int maxPayloadLength,
            SeenMessageCache seen,
            SequenceWindow window,
            IFrameSink sink,
            IFrameAuthenticator? authenticator)
        {
            if (maxPayloadLength < 0 || maxPayloadLength > WireFormat.MaxPayloadLength)
            {
                throw new System.ArgumentOutOfRangeException(nameof(maxPayloadLength));
            }

            _maxPayloadLength = maxPayloadLength;
            _seen = seen;
            _window = window;
            _sink = sink;
            _authenticator = authenticator;
            Counters = new PipelineCounters();
        }

        /// <summary>What happened to the input so far.</summary>
        public PipelineCounters Counters { get; }

        /// <summary>
        /// Processes every frame packed back to back in the range (a UDP datagram may batch several).
        /// Stops at the first undecodable frame, since its length cannot be trusted, and returns the
        /// number of messages delivered.
        /// </summary>
        public int ReceiveBatch(byte[] buffer, int offset, int count)
        {
            int delivered = 0;
            int end = offset + count;
            while (offset < end)
            {
                FrameHeader header;
                FrameError error = FrameCodec.Decode(buffer, offset, end - offset, _maxPayloadLength, out header);
                if (error != FrameError.None)
                {
                    Counters.Reject(error);
                    break;
                }

                if (Accept(ref header, buffer, offset))
                {
                    delivered++;
                }

                offset += header.FrameLength;
            }

            return delivered;
        }

        /// <summary>
        /// Processes a range that holds exactly one frame (a link record or packet). Returns true when
        /// the message was delivered; otherwise <see cref="LastRejection"/> says why.
        /// </summary>
        public bool Receive(byte[] buffer, int offset, int count)
        {
            FrameHeader header;
            FrameError error = FrameCodec.DecodeExact(buffer, offset, count, _maxPayloadLength, out header);
            if (error != FrameError.None)
            {
                Counters.Reject(error);
                LastRejection = error;
                return false;
            }

            return Accept(ref header, buffer, offset);
        }

        /// <summary>
        /// Why the most recent frame was not delivered: a decode error, <see cref="FrameError.Duplicate"/>,
        /// <see cref="FrameError.TooOld"/>, or <see cref="FrameError.None"/> when the authenticator refused it.
        /// </summary>
        public FrameError LastRejection { get; private set; }

        private bool Accept(ref FrameHeader header, byte[] buffer, int offset)
        {
            Counters.FramesIn++;
            ulong sender = header.Sender.Value;
            if (_seen.Contains(sender, header.Sequence))
            {
                return Reject(FrameError.Duplicate);
            }

            SequenceVerdict verdict = _window.Check(sender, header.Sequence);
            if (verdict != SequenceVerdict.New)
            {
                return Reject(verdict == SequenceVerdict.TooOld ? FrameError.TooOld : FrameError.Duplicate);
            }

            if (_authenticator != null && !_authenticator.Authenticate(ref header, buffer, offset))
            {
                Counters.Unauthenticated++;
                LastRejection = FrameError.None;
                return false;
            }

            _window.Record(sender, header.Sequence);
            _seen.TryAdd(sender, header.Sequence);
            Counters.Delivered++;
            _sink.OnFrame(ref header, buffer, offset);
            return true;
        }

        private bool Reject(FrameError reason)
        {
            Counters.Reject(reason);
            LastRejection = reason;
            return false;
        }
    }
}
