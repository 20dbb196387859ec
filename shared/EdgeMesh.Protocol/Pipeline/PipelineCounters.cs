using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Pipeline
{
    /// <summary>What an <see cref="InboundPipeline"/> did with the bytes it was given.</summary>
    public sealed class PipelineCounters
    {
        private readonly long[] _rejected = new long[WireFormat.FrameErrorCount];

        /// <summary>Frames that decoded.</summary>
        public long FramesIn { get; internal set; }

        /// <summary>Messages handed to the sink.</summary>
        public long Delivered { get; internal set; }

        /// <summary>Frames refused by the authenticator.</summary>
        public long Unauthenticated { get; internal set; }

        /// <summary>Frames rejected for <paramref name="reason"/> (decode errors, duplicates, too old).</summary>
        public long Rejected(FrameError reason)
        {
            int index = (int)reason;
            return index >= 0 && index < _rejected.Length ? _rejected[index] : 0;
        }

        /// <summary>Sum of all rejections, authentication failures included.</summary>
        public long TotalRejected
        {
            get
            {
                long sum = Unauthenticated;
                for (int i = 0; i < _rejected.Length; i++)
                {
                    sum += _rejected[i];
                }

                return sum;
            }
        }

        internal void Reject(FrameError reason)
        {
            _rejected[(int)reason]++;
        }
    }
}
