namespace EdgeMesh.Bridge.Status
{
    /// <summary>One rule's counters at a moment (for <c>edgemesh bridge status</c> and /metrics).</summary>
    public sealed class RuleStatus
    {
        /// <summary>Creates a snapshot.</summary>
        public RuleStatus(string rule, long messagesIn, long messagesOut, long queued, long dropped, long rejected, long echoesSuppressed)
        {
            Rule = rule;
            MessagesIn = messagesIn;
            MessagesOut = messagesOut;
            Queued = queued;
            Dropped = dropped;
            Rejected = rejected;
            EchoesSuppressed = echoesSuppressed;
        }

        /// <summary>The rule's name.</summary>
        public string Rule { get; }

        /// <summary>Broker messages the mesh accepted.</summary>
        public long MessagesIn { get; }

        /// <summary>Mesh messages the broker accepted.</summary>
        public long MessagesOut { get; }

        /// <summary>Messages of this rule waiting for the broker.</summary>
        public long Queued { get; }

        /// <summary>Messages dropped because a queue was full.</summary>
        public long Dropped { get; }

        /// <summary>Messages refused (payload, properties, mesh policy).</summary>
        public long Rejected { get; }

        /// <summary>Messages stopped by loop and echo prevention.</summary>
        public long EchoesSuppressed { get; }
    }
}
