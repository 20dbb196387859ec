using System.Collections.Generic;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>Counters in a <see cref="NodeStatus"/>; the dictionaries list only reasons that occurred.</summary>
    public sealed class StatusCounters
    {
        /// <summary>Frames decoded from the network.</summary>
        public long FramesIn { get; set; }

        /// <summary>Frames sent.</summary>
        public long FramesOut { get; set; }

        /// <summary>Messages handed to local subscribers.</summary>
        public long Delivered { get; set; }

        /// <summary>Frames or messages dropped without being an attack or a fault: duplicates, no route, full queues.</summary>
        public Dictionary<string, long> Dropped { get; set; } = new();

        /// <summary>Input refused by reason: undecodable bytes, failed authentication, outsiders.</summary>
        public Dictionary<string, long> Rejected { get; set; } = new();

        /// <summary>Socket-level counters, prefixed udp., discovery. or tcp.</summary>
        public Dictionary<string, long> Transport { get; set; } = new();

        /// <summary>The mesh protocol's counters.</summary>
        public Dictionary<string, long> Mesh { get; set; } = new();

        /// <summary>Direct-message counters (docs/direct-messages.md): sent, delivered, retries, refusals by reason, outbox and relaying.</summary>
        public Dictionary<string, long> Direct { get; set; } = new();
    }
}
