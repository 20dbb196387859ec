using System.Collections.Generic;
using EdgeMesh.State.Crdt;
using EdgeMesh.State.Sync;

namespace EdgeMesh.State.Tests.Support
{
    /// <summary>Replicators wired by a lossy, duplicating, reordering message queue with an injected clock.</summary>
    internal sealed class TestNetwork<T>
        where T : class, IDeltaCrdt<T>
    {
        private readonly PriorityQueue<(ulong From, ulong To, byte[] Message), (long, long)> _queue = new PriorityQueue<(ulong, ulong, byte[]), (long, long)>();
        private readonly Random _random;
        private long _order;

        public TestNetwork(int nodes, int seed, double loss, double duplication, ReplicatorOptions? options = null)
        {
            _random = new Random(seed);
            Loss = loss;
            Duplication = duplication;
            for (int i = 0; i < nodes; i++)
            {
                Replicas.Add(new DeltaReplicator<T>(IdOf(i), T.CreateEmpty(), options));
            }
        }

        public List<DeltaReplicator<T>> Replicas { get; } = new List<DeltaReplicator<T>>();

        public double Loss { get; set; }

        public double Duplication { get; set; }

        public long NowMs { get; private set; }

        public long Messages { get; private set; }

        public List<(ulong From, ulong To, byte[] Message)> Log { get; } = new List<(ulong, ulong, byte[])>();

        public bool KeepLog { get; set; }

        public static ulong IdOf(int index) => (ulong)index + 1;

        public void Connect(int a, int b)
        {
            Replicas[a].AddPeer(IdOf(b));
            Replicas[b].AddPeer(IdOf(a));
        }

        /// <summary>Advances time in 10 ms steps, ticking every replica and delivering due messages.</summary>
        public void Run(long durationMs)
        {
            long end = NowMs + durationMs;
            while (NowMs < end)
            {
                NowMs += 10;
                while (_queue.TryPeek(out _, out (long Due, long) key) && key.Due <= NowMs)
                {
                    (ulong from, ulong to, byte[] message) = _queue.Dequeue();
                    Replicas[(int)to - 1].Receive(from, message, NowMs, new Sink(this, to));
                }

                foreach (DeltaReplicator<T> r in Replicas)
                {
                    r.Tick(NowMs, new Sink(this, r.Self));
                }
            }
        }

        public bool Converged()
        {
            for (int i = 1; i < Replicas.Count; i++)
            {
                if (!Replicas[i].Digest.SequenceEqual(Replicas[0].Digest))
                {
                    return false;
                }
            }

            return true;
        }

        private void Enqueue(ulong from, ulong to, byte[] message)
        {
            Messages++;
            if (KeepLog)
            {
                Log.Add((from, to, message));
            }

            if (_random.NextDouble() < Loss)
            {
                return;
            }

            int copies = _random.NextDouble() < Duplication ? 2 : 1;
            for (int i = 0; i < copies; i++)
            {
                _queue.Enqueue((from, to, message), (NowMs + 5 + _random.Next(40), _order++));
            }
        }

        private sealed class Sink : ISyncSink
        {
            private readonly TestNetwork<T> _network;
            private readonly ulong _from;

            public Sink(TestNetwork<T> network, ulong from)
            {
                _network = network;
                _from = from;
            }

            public void Send(ulong peer, ReadOnlySpan<byte> message)
            {
                _network.Enqueue(_from, peer, message.ToArray());
            }
        }
    }
}
