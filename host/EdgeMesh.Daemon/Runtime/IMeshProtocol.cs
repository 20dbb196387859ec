using EdgeMesh.Gossip;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// The seam between the daemon and the sans-IO membership/broadcast layer (HyParView + SWIM +
    /// PlumTree in shared/EdgeMesh.Gossip). The daemon feeds it authenticated frames, timer ticks and
    /// application calls, and carries its outputs: frames to a peer id and deliveries. Calls are
    /// serialised by the daemon (one at a time).
    /// </summary>
    internal interface IMeshProtocol
    {
        /// <summary>When <see cref="Tick"/> must next run (<see cref="long.MaxValue"/>: nothing scheduled).</summary>
        long NextDeadlineMs { get; }

        /// <summary>A peer proved its identity and its address is known: use it as an entry point.</summary>
        void Join(NodeId contact, long nowMs);

        /// <summary>One authenticated Membership frame from a peer.</summary>
        void Receive(byte[] buffer, int offset, int count, long nowMs);

        /// <summary>The clock reached <see cref="NextDeadlineMs"/>.</summary>
        void Tick(long nowMs);

        /// <summary>Delivers <paramref name="topic"/> to this node; false when the topic table is full.</summary>
        bool Subscribe(ulong topic);

        /// <summary>Stops delivering <paramref name="topic"/>.</summary>
        void Unsubscribe(ulong topic);

        /// <summary>
        /// Broadcasts this node's Publish frame, already sealed and signed by the daemon, so it travels
        /// unchanged and every receiver can check the originator end to end. The buffer is reused after
        /// the call: copy what must be kept.
        /// </summary>
        FrameError Publish(byte[] frame, int offset, int count, long nowMs);

        /// <summary>Takes the next frame to send; hand it back with <see cref="Release"/> once sent.</summary>
        bool TryDequeue(out OutboundFrame frame);

        /// <summary>Returns a sent frame's buffer to the protocol's pool.</summary>
        void Release(OutboundFrame frame);

        /// <summary>Takes the next message for this node's subscribers.</summary>
        bool TryTakeDelivery(out MeshDelivery delivery);

        /// <summary>How the protocol sees <paramref name="peer"/>.</summary>
        MeshPeerState StateOf(NodeId peer);

        /// <summary>Adds the protocol's counters (name, value) for status and metrics.</summary>
        void CopyCounters(List<KeyValuePair<string, long>> destination);
    }
}
