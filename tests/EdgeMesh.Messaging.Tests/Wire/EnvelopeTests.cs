using System.Buffers.Binary;
using EdgeMesh.Messaging.Crypto;
using EdgeMesh.Messaging.Tests.Support;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Security;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Messaging.Tests.Wire
{
    /// <summary>The sealed, signed envelope: layout, round trip, and that no modification ever passes.</summary>
    public sealed class EnvelopeTests : IDisposable
    {
        private readonly TestIdentities _nodes = new TestIdentities(3);
        private readonly X25519KeyPair _recipient;
        private readonly byte[] _recipientKey = new byte[32];

        public EnvelopeTests()
        {
            _recipient = _nodes[1].Keys.ToX25519KeyPair();
            Assert.True(Ed25519KeyPair.TryConvertPublicKeyToX25519(_nodes[1].PublicKey, _recipientKey));
        }

        public void Dispose()
        {
            _recipient.Dispose();
            _nodes.Dispose();
        }

        [Fact]
        public void The_layout_puts_every_field_at_its_documented_offset()
        {
            byte[] payload = { 0xAA, 0xBB, 0xCC };
            byte[] envelope = Seal(payload, 4, out EnvelopeHeader header);

            Assert.Equal(156 + 3 + 16 + 3, envelope.Length);
            Assert.Equal("454d444d01000000", Convert.ToHexStringLower(envelope.AsSpan(0, 8)));
            Assert.Equal(header.RequestId, DmRequestId.Read(envelope.AsSpan(8)));
            Assert.Equal(_nodes.Id(0).Value, BinaryPrimitives.ReadUInt64BigEndian(envelope.AsSpan(24)));
            Assert.Equal(_nodes.Id(1).Value, BinaryPrimitives.ReadUInt64BigEndian(envelope.AsSpan(32)));
            Assert.Equal(TestIdentities.Epoch, BinaryPrimitives.ReadInt64BigEndian(envelope.AsSpan(40)));
            Assert.Equal(TestIdentities.Epoch + 120_000, BinaryPrimitives.ReadInt64BigEndian(envelope.AsSpan(48)));
            Assert.Equal(3u + 3 + 16, BinaryPrimitives.ReadUInt32BigEndian(envelope.AsSpan(88)));
            Assert.True(Ed25519KeyPair.Verify(_nodes[0].PublicKey, envelope.AsSpan(0, envelope.Length - 64), envelope.AsSpan(envelope.Length - 64)));
        }

        [Fact]
        public void Property_seal_then_open_round_trips_any_payload_and_content_type()
        {
            Gen<byte[]> payloads = Gen.Choose(0, 3000).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
            Prop.ForAll(payloads.ToArbitrary(), Gen.Choose(0, 65535).ToArbitrary(), (payload, type) =>
            {
                byte[] envelope = Seal(payload, (ushort)type, out _);
                return EnvelopeHeader.TryParse(envelope, out EnvelopeHeader parsed) == DmRefusal.None
                    && EnvelopeSeal.VerifySignature(envelope, _nodes[0].PublicKey)
                    && EnvelopeSeal.TryOpen(_recipient, envelope, parsed, out ushort contentType, out ReadOnlyMemory<byte> opened) == DmRefusal.None
                    && contentType == type
                    && opened.Span.SequenceEqual(payload);
            }).QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Property_a_modified_envelope_is_never_accepted_and_its_body_never_decrypts()
        {
            byte[] original = Seal(new byte[200], 4, out _);
            int signed = original.Length - 64;
            Property property = Prop.ForAll(Gen.Choose(0, original.Length - 1).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (at, mask) =>
            {
                byte[] envelope = (byte[])original.Clone();
                envelope[at] ^= (byte)mask;
                bool parses = EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header) == DmRefusal.None;
                bool verifies = parses && EnvelopeSeal.VerifySignature(envelope, _nodes[0].PublicKey);
                bool decrypts = parses && EnvelopeSeal.TryOpen(_recipient, envelope, header, out _, out _) == DmRefusal.None;
                // Signature bytes are outside the AEAD: there, only the signature check may (and must) object.
                return !verifies && (at >= signed || !decrypts);
            });
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);
        }

        [Fact]
        public void A_body_opened_with_another_nodes_key_fails()
        {
            byte[] envelope = Seal(new byte[10], 0, out EnvelopeHeader header);
            using X25519KeyPair other = _nodes[2].Keys.ToX25519KeyPair();
            Assert.Equal(DmRefusal.Undecryptable, EnvelopeSeal.TryOpen(other, envelope, header, out _, out _));
        }

        [Theory]
        [InlineData(0, 0x00)] // magic
        [InlineData(5, 0x01)] // reserved byte
        [InlineData(8 + 15, 0xFF)] // request id made zero below
        public void Layout_faults_are_malformed(int offset, byte value)
        {
            byte[] envelope = Seal(new byte[4], 0, out _);
            envelope[offset] = value;
            if (offset == 23)
            {
                envelope.AsSpan(8, 16).Clear();
            }

            Assert.Equal(DmRefusal.Malformed, EnvelopeHeader.TryParse(envelope, out _));
        }

        [Fact]
        public void Version_length_and_time_faults_are_refused()
        {
            byte[] envelope = Seal(new byte[4], 0, out _);
            byte[] version = (byte[])envelope.Clone();
            version[4] = 2;
            Assert.Equal(DmRefusal.UnsupportedVersion, EnvelopeHeader.TryParse(version, out _));
            Assert.Equal(DmRefusal.Malformed, EnvelopeHeader.TryParse(envelope.AsSpan(0, envelope.Length - 1), out _));
            Assert.Equal(DmRefusal.Malformed, EnvelopeHeader.TryParse(envelope.AsSpan(0, 91), out _));
            byte[] reversed = (byte[])envelope.Clone();
            BinaryPrimitives.WriteInt64BigEndian(reversed.AsSpan(48), TestIdentities.Epoch - 1);
            Assert.Equal(DmRefusal.Malformed, EnvelopeHeader.TryParse(reversed, out _));
        }

        private byte[] Seal(byte[] payload, ushort contentType, out EnvelopeHeader header)
        {
            header = new EnvelopeHeader(DmRequestId.NewId(), _nodes.Id(0), _nodes.Id(1), TestIdentities.Epoch, TestIdentities.Epoch + 120_000, EnvelopeHeader.MinCiphertextLength + payload.Length);
            Assert.True(EnvelopeSeal.TryCreate(_nodes[0], _recipientKey, header, contentType, payload, out byte[] envelope));
            return envelope;
        }
    }
}
