using System.Collections.Generic;
using EdgeMesh.Messaging;

namespace EdgeMesh.Simulation
{
    /// <summary>One node of a <see cref="DirectMessageScenario"/>: its messenger, links and what it received.</summary>
    public sealed class DmSimNode
    {
        internal DmSimNode(int index, DirectMessenger messenger)
        {
            Index = index;
            Messenger = messenger;
        }

        /// <summary>Index of the node in the scenario.</summary>
        public int Index { get; }

        /// <summary>The real direct-message engine of this node.</summary>
        public DirectMessenger Messenger { get; }

        /// <summary>False while the node is offline: it neither sends, receives nor ticks.</summary>
        public bool Online { get; internal set; } = true;

        /// <summary>Messages handed to the application, in arrival order.</summary>
        public List<DirectMessage> Received { get; } = new List<DirectMessage>();

        /// <summary>Receipts of the messages this node sent, in completion order.</summary>
        public List<DmReceipt> Receipts { get; } = new List<DmReceipt>();

        /// <summary>Neighbour indexes in the order linked (floods and loss draws do not depend on random ids).</summary>
        internal List<int> Neighbours { get; } = new List<int>();

        /// <summary>Per-neighbour loss overriding the link model's (index → probability).</summary>
        internal Dictionary<int, double> Loss { get; } = new Dictionary<int, double>();

        internal HashSet<(int Origin, ulong Sequence)> Seen { get; } = new HashSet<(int, ulong)>();

        internal ulong Sequence { get; set; }

        /// <summary>Simulated time (µs) of the wake event already scheduled, or long.MaxValue.</summary>
        internal long WakeAtUs { get; set; } = long.MaxValue;
    }
}
