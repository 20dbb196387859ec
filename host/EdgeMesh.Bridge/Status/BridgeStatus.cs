using System.Collections.Generic;

namespace EdgeMesh.Bridge.Status
{
    /// <summary>The bridge at a moment: connection, queue and per-rule counters.</summary>
    public sealed class BridgeStatus
    {
        /// <summary>Creates a snapshot.</summary>
        public BridgeStatus(bool connected, string? broker, long connects, long reconnects, long connectFailures, long queued, long queueDropped, long queueCorrupt, long unroutable, long meshUnavailable, IReadOnlyList<RuleStatus> rules)
        {
            Connected = connected;
            Broker = broker;
            Connects = connects;
            Reconnects = reconnects;
            ConnectFailures = connectFailures;
            Queued = queued;
            QueueDropped = queueDropped;
            QueueCorrupt = queueCorrupt;
            Unroutable = unroutable;
            MeshUnavailable = meshUnavailable;
            Rules = rules;
        }

        /// <summary>Whether a broker session is up.</summary>
        public bool Connected { get; }

        /// <summary>URI of the broker in use (or last tried).</summary>
        public string? Broker { get; }

        /// <summary>Successful connections.</summary>
        public long Connects { get; }

        /// <summary>Connections lost after they were up.</summary>
        public long Reconnects { get; }

        /// <summary>Connection attempts that failed.</summary>
        public long ConnectFailures { get; }

        /// <summary>QoS 1 messages in the persisted queue.</summary>
        public long Queued { get; }

        /// <summary>Messages refused because the persisted queue was full.</summary>
        public long QueueDropped { get; }

        /// <summary>Queue files that failed their checksum at start (kept as .corrupt).</summary>
        public long QueueCorrupt { get; }

        /// <summary>Broker messages on a topic no rule carries in: acknowledged and dropped.</summary>
        public long Unroutable { get; }

        /// <summary>Broker messages left unacknowledged because the mesh could not take them (the broker sends them again).</summary>
        public long MeshUnavailable { get; }

        /// <summary>Per-rule counters.</summary>
        public IReadOnlyList<RuleStatus> Rules { get; }
    }
}
