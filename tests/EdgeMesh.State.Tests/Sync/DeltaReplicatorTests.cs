using System.Collections.Generic;
using EdgeMesh.State.Codec;
using EdgeMesh.State.Crdt;
using EdgeMesh.State.Sync;
using EdgeMesh.State.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.State.Tests.Sync
{
    public sealed class DeltaReplicatorTests
    {
        [Fact]
        public void Replicas_converge_through_loss_duplication_and_reordering()
        {
            Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
            {
                var random = new Random(seed);
                var net = new TestNetwork<ORMap<PNCounter>>(8, seed, loss: 0.3, duplication: 0.2);
                for (int i = 0; i < 8; i++)
                {
                    net.Connect(i, (i + 1) % 8); // a ring, plus chords
                }

                net.Connect(0, 4);
                net.Connect(2, 6);
                var expected = ORMap<PNCounter>.CreateEmpty();
                for (int step = 0; step < 30; step++)
                {
                    int n = random.Next(8);
                    string key = "k" + random.Next(5);
                    int amount = random.Next(-3, 4);
                    ulong node = TestNetwork<ORMap<PNCounter>>.IdOf(n);
                    ORMap<PNCounter> delta = net.Replicas[n].Mutate(s => random.Next(6) == 0 ? s.Remove(key) : s.Update(node, key, c => c.Add(node, amount)));
                    expected.MergeFrom(delta);
                    net.Run(random.Next(0, 100));
                }

                net.Loss = 0.3;
                net.Run(20_000);
                bool converged = net.Converged();
                byte[] want = CrdtModel<ORMap<PNCounter>>.Encode(expected);
                return converged && CrdtModel<ORMap<PNCounter>>.Encode(net.Replicas[3].State).AsSpan().SequenceEqual(want);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
        }

        [Fact]
        public void A_delta_is_never_sent_back_to_the_neighbour_it_came_from()
        {
            var net = new TestNetwork<ORSet>(2, 1, 0, 0) { KeepLog = true };
            net.Connect(0, 1);
            net.Replicas[0].Mutate(s => s.Add(1, "x"));
            net.Run(1_000);
            Assert.True(net.Converged());
            foreach ((ulong from, _, byte[] message) in net.Log)
            {
                Assert.Equal(StateError.None, SyncMessage.TryParse(message, out SyncMessageKind kind, out _, out _));
                if (from == 2)
                {
                    Assert.NotEqual(SyncMessageKind.Delta, kind);
                    Assert.NotEqual(SyncMessageKind.Full, kind);
                }
            }

            // Acknowledged by its only neighbour: the buffer is empty again.
            Assert.Equal(0, net.Replicas[0].BufferedDeltas);
            Assert.Equal(0, net.Replicas[1].BufferedDeltas);
        }

        [Fact]
        public void A_neighbour_behind_the_bounded_buffer_gets_the_whole_state_and_drops_are_counted()
        {
            var options = new ReplicatorOptions { MaxBufferedDeltas = 4 };
            var net = new TestNetwork<ORSet>(2, 2, 0, 0, options) { KeepLog = true };
            net.Connect(0, 1);
            net.Loss = 1.0; // cut the link while ten writes happen
            for (int i = 0; i < 10; i++)
            {
                net.Replicas[0].Mutate(s => s.Add(1, "e" + i));
                net.Run(20);
            }

            Assert.Equal(4, net.Replicas[0].BufferedDeltas);
            Assert.Equal(6, net.Replicas[0].Counters.BufferDrops);
            net.Loss = 0;
            net.Log.Clear();
            net.Run(2_000);
            Assert.True(net.Converged());
            Assert.True(net.Replicas[0].Counters.FullStatesSent >= 1);
            Assert.Equal(10, net.Replicas[1].State.Elements.Count);
        }

        [Fact]
        public void Equal_states_exchange_only_digests_and_skip_the_whole_state()
        {
            var options = new ReplicatorOptions { MaxBufferedDeltas = 1 };
            var a = new DeltaReplicator<ORSet>(1, ORSet.CreateEmpty(), options);
            var b = new DeltaReplicator<ORSet>(2, ORSet.CreateEmpty(), options);
            ORSet d1 = a.Mutate(s => s.Add(1, "x"));
            ORSet d2 = a.Mutate(s => s.Add(1, "y"));
            b.MergeLocal(d1);
            b.MergeLocal(d2);
            var sink = new ListSink();
            a.AddPeer(2);
            b.AddPeer(1);
            b.Tick(0, sink); // b's buffer lost d1 too: b would need a whole state for a, but a's digest is unknown yet
            sink.Clear();
            a.Receive(2, Digest(b), 0, sink);
            Assert.Equal(StateError.None, b.Receive(1, Digest(a), 0, sink));
            a.Tick(100, sink);
            Assert.DoesNotContain(sink.Messages, m => m.Message[1] == (byte)SyncMessageKind.Full);
            Assert.Equal(a.Sequence, a.AckedBy(2));
        }

        [Fact]
        public void An_ack_for_deltas_sent_on_top_of_unacknowledged_ones_does_not_count()
        {
            var a = new DeltaReplicator<ORSet>(1, ORSet.CreateEmpty(), new ReplicatorOptions { MinSendIntervalMs = 0 });
            a.AddPeer(2);
            var sink = new ListSink();
            a.Mutate(s => s.Add(1, "x"));
            a.Tick(0, sink); // deltas 0..1, lost
            a.Mutate(s => s.Add(1, "y"));
            a.Tick(10, sink); // only delta 1..2
            Assert.Equal(StateError.None, SyncMessage.TryParse(sink.Messages[1].Message, out _, out ulong to, out ulong from, out _));
            Assert.Equal((2UL, 1UL), (to, from));
            var w = new StateWriter();
            SyncMessage.WriteDigest(w, SyncMessageKind.Ack, to, new byte[16], from);
            a.Receive(2, w.ToArray(), 20, sink);
            Assert.Equal(0UL, a.AckedBy(2)); // "x" never arrived: the ack for 1..2 must not cover it
            sink.Clear();
            a.Tick(500, sink); // the retransmission starts at the acknowledged point
            Assert.Equal(StateError.None, SyncMessage.TryParse(sink.Messages[0].Message, out _, out to, out from, out _));
            Assert.Equal((2UL, 0UL), (to, from));
        }

        [Fact]
        public void Undecodable_messages_are_counted_and_change_nothing()
        {
            var a = new DeltaReplicator<ORSet>(1, ORSet.CreateEmpty());
            var sink = new ListSink();
            Assert.Equal(StateError.UnsupportedVersion, a.Receive(2, new byte[] { 9, 1, 0 }, 0, sink));
            Assert.Equal(StateError.UnknownKind, a.Receive(2, new byte[] { 1, 9, 0 }, 0, sink));
            Assert.Equal(StateError.Truncated, a.Receive(2, new byte[] { 1, (byte)SyncMessageKind.Ack, 0, 0, 1, 2 }, 0, sink));
            Assert.Equal(StateError.Malformed, a.Receive(2, new byte[] { 1, (byte)SyncMessageKind.Ack, 0, 1 }, 0, sink));
            Assert.Equal(StateError.UnknownKind, a.Receive(2, new byte[] { 1, (byte)SyncMessageKind.Delta, 0, 0, (byte)CrdtKind.GCounter, 0 }, 0, sink));
            Assert.Equal(5, a.Counters.DecodeErrors);
            Assert.Empty(sink.Messages);
            Assert.True(a.State.IsEmpty);
        }

        [Fact]
        public void The_peer_table_is_bounded_and_counts_refusals()
        {
            var a = new DeltaReplicator<ORSet>(1, ORSet.CreateEmpty(), new ReplicatorOptions { MaxPeers = 2 });
            Assert.True(a.AddPeer(2));
            Assert.True(a.AddPeer(3));
            Assert.False(a.AddPeer(4));
            var other = new DeltaReplicator<ORSet>(5, ORSet.CreateEmpty());
            other.Mutate(s => s.Add(5, "z"));
            other.AddPeer(1);
            var sink = new ListSink();
            other.Tick(0, sink);
            byte[] delta = sink.Messages[0].Message;
            sink.Clear();
            a.Receive(5, delta, 0, sink);
            Assert.Equal(2, a.Counters.PeersRefused);
            Assert.False(a.HasPeer(5));

            // The data is still taken and acknowledged, so its sender does not resend it forever.
            Assert.True(a.State.Contains("z"));
            Assert.Single(sink.Messages);
            Assert.Equal((byte)SyncMessageKind.Ack, sink.Messages[0].Message[1]);
        }

        [Fact]
        public void A_link_opened_by_the_other_side_is_forgotten_when_it_goes_quiet_and_digests_do_not_reopen_it()
        {
            var a = new DeltaReplicator<ORSet>(1, ORSet.CreateEmpty(), new ReplicatorOptions { InboundIdleMs = 1_000 });
            var b = new DeltaReplicator<ORSet>(2, ORSet.CreateEmpty());
            b.AddPeer(1);
            b.Mutate(s => s.Add(2, "x"));
            var sink = new ListSink();
            b.Tick(0, sink);
            a.Receive(2, sink.Messages[0].Message, 0, sink);
            Assert.True(a.HasPeer(2));
            a.Tick(500, sink);
            Assert.True(a.HasPeer(2));
            a.Tick(1_600, sink);
            Assert.False(a.HasPeer(2));
            Assert.Equal(1, a.Counters.InboundExpired);
            a.Receive(2, Digest(b), 1_700, sink);
            Assert.False(a.HasPeer(2));
        }

        private static byte[] Digest(DeltaReplicator<ORSet> r)
        {
            var w = new StateWriter();
            SyncMessage.WriteDigest(w, SyncMessageKind.Digest, r.Sequence, r.Digest);
            return w.ToArray();
        }
    }

    internal sealed class ListSink : ISyncSink
    {
        public List<(ulong Peer, byte[] Message)> Messages { get; } = new List<(ulong, byte[])>();

        public void Send(ulong peer, ReadOnlySpan<byte> message) => Messages.Add((peer, message.ToArray()));

        public void Clear() => Messages.Clear();
    }
}
