using System;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// A point-to-point link that takes one frame at a time (TCP, serial), as opposed to UDP, whose
    /// transport batches frames per destination address.
    /// </summary>
    public interface IFrameLink
    {
        /// <summary>Queues one frame; false (and counted by the link) when the link is down, the frame too large or the queue full.</summary>
        bool Send(ReadOnlySpan<byte> frame);
    }
}
