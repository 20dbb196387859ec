using System.Collections.Generic;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// Membership updates waiting to be piggybacked on PING and ACK (SWIM's infection-style
    /// dissemination, here a back-up for the flood). Each update rides on a bounded number of
    /// messages; the least-sent go first. When full, the most-sent update is evicted and counted.
    /// </summary>
    internal sealed class UpdateQueue
    {
        private readonly List<Item> items = new List<Item>();
        private readonly int capacity;

        internal UpdateQueue(int capacity)
        {
            this.capacity = capacity;
        }

        internal int Count
        {
            get { return items.Count; }
        }

        /// <summary>Queues an update, replacing any older one about the same node; true when another update was evicted.</summary>
        internal bool Enqueue(MemberUpdate update)
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (items[i].Update.Subject == update.Subject)
                {
                    items[i] = new Item { Update = update, Sent = 0 };
                    return false;
                }
            }

            bool evicted = false;
            if (items.Count >= capacity)
            {
                int most = 0;
                for (int i = 1; i < items.Count; i++)
                {
                    if (items[i].Sent > items[most].Sent)
                    {
                        most = i;
                    }
                }

                items.RemoveAt(most);
                evicted = true;
            }

            items.Add(new Item { Update = update, Sent = 0 });
            return evicted;
        }

        /// <summary>Attaches up to <paramref name="max"/> updates to a PING or ACK, skipping ones about <paramref name="skip"/>.</summary>
        internal void Fill(ControlMessage m, int max, int retransmitLimit, NodeId skip)
        {
            m.UpdateCount = 0;
            while (m.UpdateCount < max)
            {
                int best = -1;
                for (int i = 0; i < items.Count; i++)
                {
                    if (items[i].Update.Subject != skip && !Attached(m, i, items) && (best < 0 || items[i].Sent < items[best].Sent))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                m.Updates[m.UpdateCount++] = items[best].Update;
                Item item = items[best];
                item.Sent++;
                items[best] = item;
            }

            for (int i = items.Count - 1; i >= 0; i--)
            {
                if (items[i].Sent >= retransmitLimit)
                {
                    items.RemoveAt(i);
                }
            }
        }

        private static bool Attached(ControlMessage m, int index, List<Item> items)
        {
            NodeId subject = items[index].Update.Subject;
            for (int i = 0; i < m.UpdateCount; i++)
            {
                if (m.Updates[i].Subject == subject)
                {
                    return true;
                }
            }

            return false;
        }

        private struct Item
        {
            public MemberUpdate Update;
            public int Sent;
        }
    }
}
