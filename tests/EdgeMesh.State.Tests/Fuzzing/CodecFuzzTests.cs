using System.Collections.Generic;
using EdgeMesh.Protocol.Tests.Fuzzing;
using EdgeMesh.State.Codec;
using EdgeMesh.State.Crdt;
using EdgeMesh.State.Sync;
using EdgeMesh.State.Tests.Crdt;
using EdgeMesh.State.Tests.Support;
using EdgeMesh.State.Tests.Sync;

namespace EdgeMesh.State.Tests.Fuzzing
{
    /// <summary>
    /// Random and mutated inputs for every CRDT decoder and the sync message parser, in the style of
    /// the wire decoders' fuzz tests: a decoder never throws, reads only its input (each input sits
    /// in an array of exactly its length), and whatever it accepts re-encodes to the same bytes (one
    /// encoding per state, which digests rely on).
    /// </summary>
    public sealed class CodecFuzzTests
    {
        private const int Inputs = 60_000;

        [Fact]
        public void GCounter_decoder_survives_hostile_input() => Fuzz(new GCounterModel(), 1);

        [Fact]
        public void PNCounter_decoder_survives_hostile_input() => Fuzz(new PNCounterModel(), 2);

        [Fact]
        public void ORSet_decoder_survives_hostile_input() => Fuzz(new ORSetModel(), 3);

        [Fact]
        public void LwwRegister_decoder_survives_hostile_input() => Fuzz(new LwwRegisterModel(), 4);

        [Fact]
        public void LwwMap_decoder_survives_hostile_input() => Fuzz(new LwwMapModel(), 5);

        [Fact]
        public void MVRegister_decoder_survives_hostile_input() => Fuzz(new MVRegisterModel(), 6);

        [Fact]
        public void ORMap_decoder_survives_hostile_input() => Fuzz(new ORMapModel(), 7);

        [Fact]
        public void Nested_ORMap_decoder_survives_hostile_input() => Fuzz(new NestedMapModel(), 8);

        [Fact]
        public void SignedMap_decoder_survives_hostile_input() => Fuzz(new SignedMapModel(), 11);

        [Fact]
        public void Sync_messages_survive_hostile_input()
        {
            var samples = new List<byte[]>();
            var w = new StateWriter();
            foreach (SyncMessageKind kind in new[] { SyncMessageKind.Digest, SyncMessageKind.Ack })
            {
                w.Reset();
                SyncMessage.WriteDigest(w, kind, 300, new byte[16]);
                samples.Add(w.ToArray());
            }

            var history = History<ORSet>.Run(new ORSetModel(), 9, 30);
            w.Reset();
            SyncMessage.WriteHeader(w, SyncMessageKind.Delta, 7);
            history.Replicas[0].WriteTo(w);
            samples.Add(w.ToArray());
            var replica = new DeltaReplicator<ORSet>(1, ORSet.CreateEmpty());
            var mutator = new InputMutator(10, samples.ToArray());
            byte[] scratch = new byte[4096];
            var sink = new ListSink();
            int accepted = 0;
            for (int n = 0; n < Inputs; n++)
            {
                int length = mutator.Next(scratch);
                byte[] input = scratch.AsSpan(0, length).ToArray();
                if (replica.Receive(2, input, n, sink) == StateError.None)
                {
                    accepted++;
                }
            }

            Assert.True(accepted > Inputs / 100, "too few accepted: " + accepted);
            Assert.True(replica.Counters.DecodeErrors > Inputs / 10);
        }

        private static void Fuzz<T>(CrdtModel<T> model, int seed)
            where T : class, IDeltaCrdt<T>
        {
            var samples = new List<byte[]>();
            for (int i = 0; i < 24; i++)
            {
                History<T> h = History<T>.Run(model, seed * 100 + i, 5 + (i * 3));
                samples.Add(CrdtModel<T>.Encode(h.Replicas[i % 3]));
            }

            var mutator = new InputMutator(seed, samples.ToArray());
            byte[] scratch = new byte[8192];
            var outcomes = new int[8];
            for (int n = 0; n < Inputs; n++)
            {
                int length = mutator.Next(scratch);
                byte[] input = scratch.AsSpan(0, length).ToArray();
                var reader = new StateReader(input);
                StateError error = T.TryRead(ref reader, out T? value);
                outcomes[(int)error]++;
                if (error != StateError.None)
                {
                    Assert.Null(value);
                    continue;
                }

                // Accepted: the bytes read are the one encoding of the value.
                byte[] again = CrdtModel<T>.Encode(value!);
                if (!again.AsSpan().SequenceEqual(input.AsSpan(0, reader.Position)))
                {
                    Assert.Fail(model.Name + " accepted a second encoding: " + Convert.ToHexString(input.AsSpan(0, reader.Position)) + " re-encodes as " + Convert.ToHexString(again));
                }
            }

            Assert.True(outcomes[0] > Inputs / 100, model.Name + ": too few accepted inputs: " + outcomes[0]);
            Assert.True(Inputs - outcomes[0] > Inputs / 10, model.Name + ": too few rejected inputs");
            Assert.True(outcomes[(int)StateError.Truncated] > 0 && outcomes[(int)StateError.UnknownKind] > 0, model.Name + ": " + string.Join(",", outcomes));
        }
    }
}
