using System.Collections.Generic;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// Membership updates waiting to be piggybacked on PING and ACK (SWIM's infection-style
    /// dissemination, here the back-up of the flood). Each update rides on a bounded number of
    /// messages. New updates go first; a sent update moves to the back, so the queue stays roughly in
    /// order of sends and both picking and evicting (the back: the most-sent update) cost O(1).
    /// </summary>
    internal sealed class UpdateQueue
    {
        private readonly Dictionary<ulong, LinkedListNode<Item>> index = new Dictionary<ulong, LinkedListNode<Item>>();
        private readonly LinkedList<Item> order = new LinkedList<Item>();
        private readonly int capacity;

        internal UpdateQueue(int capacity)
        {
            this.capacity = capacity;
        }

        internal int Count
        {
            get { return index.Count; }
        }

        /// <summary>Queues an update, replacing any older one about the same node; true when another update was evicted.</summary>
        internal bool Enqueue(MemberUpdate update)
        {
            if (index.Remove(update.Subject.Value, out LinkedListNode<Item>? old))
            {
                order.Remove(old);
            }

            bool evicted = false;
            if (index.Count >= capacity)
            {
                index.Remove(order.Last!.Value.Update.Subject.Value);
                order.RemoveLast();
                evicted = true;
            }

            index.Add(update.Subject.Value, order.AddFirst(new Item { Update = update, Sent = 0 }));
            return evicted;
        }

        /// <summary>Attaches up to <paramref name="max"/> updates to a PING or ACK, skipping ones about <paramref name="skip"/>.</summary>
        internal void Fill(ControlMessage m, int max, int retransmitLimit, NodeId skip)
        {
            m.UpdateCount = 0;
            LinkedListNode<Item>? node = order.First;
            int examined = 0;
            int available = order.Count;
            while (node != null && m.UpdateCount < max && examined < available)
            {
                LinkedListNode<Item>? next = node.Next;
                examined++;
                Item item = node.Value;
                if (item.Update.Subject != skip)
                {
                    m.Updates[m.UpdateCount++] = item.Update;
                    item.Sent++;
                    order.Remove(node);
                    if (item.Sent >= retransmitLimit)
                    {
                        index.Remove(item.Update.Subject.Value);
                    }
                    else
                    {
                        node.Value = item;
                        order.AddLast(node);
                    }
                }

                node = next;
            }
        }

        private struct Item
        {
            public MemberUpdate Update;
            public int Sent;
        }
    }
}
