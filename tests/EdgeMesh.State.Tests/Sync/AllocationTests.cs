using EdgeMesh.State.Codec;
using EdgeMesh.State.Crdt;
using EdgeMesh.State.Sync;

namespace EdgeMesh.State.Tests.Sync
{
    public sealed class AllocationTests
    {
        /// <summary>A converged, quiet replica ticks, sends digests and handles its neighbours' digests and acks without allocating.</summary>
        [Fact]
        public void Steady_state_anti_entropy_allocates_nothing()
        {
            var options = new ReplicatorOptions { DigestIntervalMs = 100 };
            var a = new DeltaReplicator<ORSet>(1, ORSet.CreateEmpty(), options);
            var b = new DeltaReplicator<ORSet>(2, ORSet.CreateEmpty(), options);
            a.AddPeer(2);
            b.AddPeer(1);
            var toB = new ForwardSink(b, 1);
            var toA = new ForwardSink(a, 2);
            toB.Reply = toA;
            toA.Reply = toB;
            a.Mutate(s => s.Add(1, "x"));
            long now = 0;
            for (int i = 0; i < 100; i++, now += 10)
            {
                a.Tick(now, toB);
                b.Tick(now, toA);
            }

            Assert.True(a.Digest.SequenceEqual(b.Digest));
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++, now += 10)
            {
                a.Tick(now, toB);
                b.Tick(now, toA);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, toA.Errors + toB.Errors);
            Assert.True(a.Counters.DigestsSent > 500, "the loop must exercise digests");
            Assert.True(allocated == 0, "allocated " + allocated + " bytes in " + a.Counters.DigestsSent + " digests");
        }

        private sealed class ForwardSink : ISyncSink
        {
            private readonly DeltaReplicator<ORSet> _to;
            private readonly ulong _from;

            public ForwardSink(DeltaReplicator<ORSet> to, ulong from)
            {
                _to = to;
                _from = from;
            }

            public ForwardSink? Reply { get; set; }

            public int Errors { get; private set; }

            public void Send(ulong peer, ReadOnlySpan<byte> message)
            {
                // No xunit assertion here: its comparers allocate.
                if (_to.Receive(_from, message, 0, Reply!) != StateError.None)
                {
                    Errors++;
                }
            }
        }
    }
}
