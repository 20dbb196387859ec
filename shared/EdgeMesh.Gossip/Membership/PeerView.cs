using System;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// A fixed-capacity set of peers with the incarnation last heard from each. Views are small
    /// (5 and 30 by default), so membership tests scan linearly; order carries no meaning.
    /// </summary>
    public sealed class PeerView
    {
        private readonly NodeId[] ids;
        // Ids apart (membership tests scan them), the rest of a member together: every received
        // frame updates both fields of its sender.
        private readonly Member[] members;
        private int count;

        /// <summary>Creates an empty view holding at most <paramref name="capacity"/> peers.</summary>
        public PeerView(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            ids = new NodeId[capacity];
            members = new Member[capacity];
        }

        /// <summary>Peers in the view.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>Largest number of peers.</summary>
        public int Capacity
        {
            get { return ids.Length; }
        }

        /// <summary>True when no more peers fit.</summary>
        public bool IsFull
        {
            get { return count == ids.Length; }
        }

        /// <summary>The peer at <paramref name="index"/> (0 .. <see cref="Count"/>-1).</summary>
        public NodeId this[int index]
        {
            get { return ids[index]; }
        }

        /// <summary>True when <paramref name="id"/> is in the view.</summary>
        public bool Contains(NodeId id)
        {
            return IndexOf(id) >= 0;
        }

        /// <summary>Position of <paramref name="id"/>, or -1.</summary>
        public int IndexOf(NodeId id)
        {
            for (int i = 0; i < count; i++)
            {
                if (ids[i].Value == id.Value)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Copies the peers into <paramref name="destination"/>; returns how many.</summary>
        public int CopyTo(NodeId[] destination)
        {
            int n = Math.Min(count, destination.Length);
            Array.Copy(ids, destination, n);
            return n;
        }

        internal uint IncarnationAt(int index)
        {
            return members[index].Incarnation;
        }

        internal void SetIncarnation(int index, uint incarnation)
        {
            members[index].Incarnation = incarnation;
        }

        /// <summary>When a message from the peer last arrived (long.MinValue: never since it entered the view).</summary>
        internal long HeardAt(int index)
        {
            return members[index].HeardMs;
        }

        internal void SetHeard(int index, long nowMs)
        {
            members[index].HeardMs = nowMs;
        }

        internal void Add(NodeId id, uint incarnation)
        {
            Add(id, incarnation, long.MinValue);
        }

        internal void Add(NodeId id, uint incarnation, long heard)
        {
            ids[count] = id;
            members[count].Incarnation = incarnation;
            members[count].HeardMs = heard;
            count++;
        }

        internal bool Remove(NodeId id)
        {
            int i = IndexOf(id);
            if (i < 0)
            {
                return false;
            }

            RemoveAt(i);
            return true;
        }

        internal void RemoveAt(int index)
        {
            count--;
            ids[index] = ids[count];
            members[index] = members[count];
            ids[count] = default(NodeId);
        }

        /// <summary>A random position whose peer is neither <paramref name="exclude1"/> nor <paramref name="exclude2"/>; -1 if none.</summary>
        internal int RandomIndex(IRandomSource random, NodeId exclude1, NodeId exclude2)
        {
            int eligible = 0;
            for (int i = 0; i < count; i++)
            {
                if (ids[i].Value != exclude1.Value && ids[i].Value != exclude2.Value)
                {
                    eligible++;
                }
            }

            if (eligible == 0)
            {
                return -1;
            }

            int pick = random.Next(eligible);
            for (int i = 0; i < count; i++)
            {
                if (ids[i].Value != exclude1.Value && ids[i].Value != exclude2.Value && pick-- == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private struct Member
        {
            public long HeardMs;
            public uint Incarnation;
        }
    }
}
