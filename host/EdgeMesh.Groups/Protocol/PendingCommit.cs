using System;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Schedule;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Protocol
{
    /// <summary>
    /// A commit this member created but has not applied yet: the message to send, the Welcome for
    /// joiners, and the next epoch's state, applied by <see cref="GroupState.MergePending"/> once the
    /// group has agreed on it (or dropped by <see cref="GroupState.DiscardPending"/>).
    /// </summary>
    internal sealed class PendingCommit : IDisposable
    {
        internal PendingCommit(byte[] message, byte[]? welcome, GroupContext context, byte[] contextBytes, RatchetTree tree, PathKeys keys, EpochSecrets secrets, byte[] interim)
        {
            Message = message;
            Welcome = welcome;
            Context = context;
            ContextBytes = contextBytes;
            Tree = tree;
            Keys = keys;
            Secrets = secrets;
            Interim = interim;
        }

        /// <summary>The MLSMessage carrying the commit.</summary>
        public byte[] Message { get; }

        /// <summary>The MLSMessage Welcome for added members, or null when nobody was added.</summary>
        public byte[]? Welcome { get; }

        internal GroupContext Context { get; }

        internal byte[] ContextBytes { get; }

        internal RatchetTree Tree { get; }

        internal PathKeys Keys { get; }

        internal EpochSecrets Secrets { get; }

        internal byte[] Interim { get; }

        internal bool Consumed { get; set; }

        public void Dispose()
        {
            if (!Consumed)
            {
                Keys.Dispose();
                Secrets.Dispose();
                Consumed = true;
            }
        }
    }
}
