using System;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Policy
{
    /// <summary>
    /// Accepts messages only from the listed senders; everyone else gets
    /// <see cref="DmRejectReason.NotAllowed"/> ("sender is not on the allow list").
    /// </summary>
    public sealed class AllowListPolicy : IDmPolicy
    {
        /// <summary>The text sent back to refused senders.</summary>
        public const string RejectionText = "sender is not on the allow list";

        private readonly HashSet<ulong> _allowed = new HashSet<ulong>();

        /// <summary>Allows exactly <paramref name="senders"/>.</summary>
        public AllowListPolicy(IEnumerable<NodeId> senders)
        {
            ArgumentNullException.ThrowIfNull(senders);
            foreach (NodeId sender in senders)
            {
                _allowed.Add(sender.Value);
            }
        }

        /// <summary>Senders allowed.</summary>
        public int Count => _allowed.Count;

        /// <inheritdoc />
        public DmPolicyDecision Evaluate(NodeId sender, ushort contentType, int payloadLength, long nowMs)
        {
            return _allowed.Contains(sender.Value) ? DmPolicyDecision.Accept : DmPolicyDecision.Reject(DmRejectReason.NotAllowed, RejectionText);
        }
    }
}
