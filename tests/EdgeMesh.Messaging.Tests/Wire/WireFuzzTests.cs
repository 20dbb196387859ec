using System.Collections.Generic;
using EdgeMesh.Messaging.Crypto;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Messaging.Tests.Support;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Tests.Fuzzing;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;

namespace EdgeMesh.Messaging.Tests.Wire
{
    /// <summary>
    /// A million random and mutated inputs per decoder of untrusted direct-message bytes. Decoders
    /// must never throw, and what they accept must be self-consistent.
    /// </summary>
    public sealed class WireFuzzTests
    {
        private const int Inputs = 1_000_000;

        public enum Decoder
        {
            Fragment,
            Ack,
            Envelope,
            OutboxFile,
        }

        public static TheoryData<Decoder> Decoders { get; } = new TheoryData<Decoder> { Decoder.Fragment, Decoder.Ack, Decoder.Envelope, Decoder.OutboxFile };

        [Theory]
        [MemberData(nameof(Decoders))]
        public void Decoders_survive_a_million_random_and_mutated_inputs(Decoder decoder)
        {
            var mutator = new InputMutator(0x5EED + (int)decoder, Samples(decoder));
            byte[] scratch = new byte[2048];
            var outcomes = new Dictionary<DmRefusal, int>();
            for (int n = 0; n < Inputs; n++)
            {
                int length = mutator.Next(scratch);
                DmRefusal outcome = Decode(decoder, scratch.AsSpan(0, length));
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }

            // Mutations keep some samples intact, and most inputs are refused.
            Assert.True(outcomes.GetValueOrDefault(DmRefusal.None) > 0, decoder + " accepted nothing");
            Assert.True(outcomes.GetValueOrDefault(DmRefusal.Malformed) > Inputs / 2, decoder + " refused too little");
        }

        private static DmRefusal Decode(Decoder decoder, ReadOnlySpan<byte> input)
        {
            switch (decoder)
            {
                case Decoder.Fragment:
                {
                    DmRefusal result = FragmentHeader.TryParse(input, out FragmentHeader header);
                    Assert.True(result != DmRefusal.None || (input.Length == FragmentHeader.Length + header.ChunkLength && header.ChunkLength > 0));
                    return result;
                }

                case Decoder.Ack:
                {
                    DmRefusal result = AckFields.TryParse(input, out AckFields ack, out int signed);
                    Assert.True(result != DmRefusal.None || (signed + 64 == input.Length && ack.Accepted == (ack.Reason == DmRejectReason.None)));
                    return result;
                }

                case Decoder.Envelope:
                {
                    DmRefusal result = EnvelopeHeader.TryParse(input, out EnvelopeHeader header);
                    Assert.True(result != DmRefusal.None || (header.EnvelopeLength == input.Length && header.ExpiresMs > header.CreatedMs));
                    return result;
                }

                default:
                    return OutboxFile.TryDecode(input, out ReadOnlySpan<byte> envelope, out _) && envelope.Length <= input.Length ? DmRefusal.None : DmRefusal.Malformed;
            }
        }

        private static byte[][] Samples(Decoder decoder)
        {
            using var nodes = new TestIdentities(2);
            byte[] recipientKey = new byte[32];
            Assert.True(Ed25519KeyPair.TryConvertPublicKeyToX25519(nodes[1].PublicKey, recipientKey));
            var samples = new List<byte[]>();
            for (int payload = 0; payload < 400; payload += 97)
            {
                var header = new EnvelopeHeader(DmRequestId.NewId(), nodes.Id(0), nodes.Id(1), TestIdentities.Epoch, TestIdentities.Epoch + 1000, EnvelopeHeader.MinCiphertextLength + payload);
                Assert.True(EnvelopeSeal.TryCreate(nodes[0], recipientKey, header, 4, new byte[payload], out byte[] envelope));
                switch (decoder)
                {
                    case Decoder.Fragment:
                        foreach (ReadOnlyMemory<byte> fragment in FragmentHeader.Split(envelope, 64 + payload, header.RequestId, nodes.Id(0)))
                        {
                            samples.Add(fragment.ToArray());
                        }

                        break;
                    case Decoder.Ack:
                        samples.Add(new AckFields(header.RequestId, nodes.Id(1), nodes.Id(0), 7, payload == 0 ? DmRejectReason.None : DmRejectReason.NotAllowed, new string('x', payload / 4)).EncodeAndSign(nodes[1]));
                        break;
                    case Decoder.Envelope:
                        samples.Add(envelope);
                        break;
                    default:
                        samples.Add(OutboxFile.Encode(envelope, Priority.Bulk));
                        break;
                }
            }

            return samples.ToArray();
        }
    }
}
