using System;

namespace EdgeMesh.Groups.Protocol
{
    /// <summary>What processing one incoming message produced.</summary>
    internal sealed class Received
    {
        public ReceivedKind Kind { get; init; }

        /// <summary>The sender's leaf index (members) or sender index (external senders).</summary>
        public uint Sender { get; init; }

        public byte SenderType { get; init; }

        public byte[] ApplicationData { get; init; } = Array.Empty<byte>();

        public byte[] AuthenticatedData { get; init; } = Array.Empty<byte>();

        /// <summary>For commits: true when this member was removed by it.</summary>
        public bool RemovedSelf { get; init; }
    }
}
