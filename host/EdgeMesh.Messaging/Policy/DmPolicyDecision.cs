using System;

namespace EdgeMesh.Messaging.Policy
{
    /// <summary>Accept, or reject with a reason code and a short text (cut to 120 UTF-8 bytes on the wire).</summary>
    public readonly struct DmPolicyDecision
    {
        private DmPolicyDecision(DmRejectReason reason, string text)
        {
            Reason = reason;
            Text = text;
        }

        /// <summary>Accept the message.</summary>
        public static DmPolicyDecision Accept => new DmPolicyDecision(DmRejectReason.None, string.Empty);

        /// <summary><see cref="DmRejectReason.None"/> to accept.</summary>
        public DmRejectReason Reason { get; }

        /// <summary>Text sent back with a rejection.</summary>
        public string Text { get; }

        /// <summary>True for an acceptance.</summary>
        public bool Accepted => Reason == DmRejectReason.None;

        /// <summary>Reject with <paramref name="reason"/> (not <see cref="DmRejectReason.None"/>).</summary>
        public static DmPolicyDecision Reject(DmRejectReason reason, string text)
        {
            if (reason == DmRejectReason.None)
            {
                throw new ArgumentException("a rejection needs a reason", nameof(reason));
            }

            return new DmPolicyDecision(reason, text ?? string.Empty);
        }
    }
}
