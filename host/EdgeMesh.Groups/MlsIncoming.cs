using System;

namespace EdgeMesh.Groups
{
    /// <summary>The result of processing one incoming group message.</summary>
    public sealed class MlsIncoming
    {
        internal MlsIncoming(MlsIncomingKind kind, uint sender, byte[] data, bool removedSelf, ulong epoch)
        {
            Kind = kind;
            Sender = sender;
            Data = data;
            RemovedSelf = removedSelf;
            Epoch = epoch;
        }

        public MlsIncomingKind Kind { get; }

        /// <summary>The sender's leaf index in the group.</summary>
        public uint Sender { get; }

        /// <summary>Application data (empty for proposals and commits).</summary>
        public byte[] Data { get; }

        /// <summary>True when a commit removed this member: the group is over for it.</summary>
        public bool RemovedSelf { get; }

        /// <summary>The group's epoch after processing.</summary>
        public ulong Epoch { get; }

        internal static MlsIncoming Empty { get; } = new MlsIncoming(MlsIncomingKind.Application, 0, Array.Empty<byte>(), false, 0);
    }
}
