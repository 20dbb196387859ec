using System.Text;
using EdgeMesh.Messaging.Tests.Support;
using EdgeMesh.Messaging.Wire;

namespace EdgeMesh.Messaging.Tests.Wire
{
    public sealed class AckTests : IDisposable
    {
        private readonly TestIdentities _nodes = new TestIdentities(2);

        public void Dispose()
        {
            _nodes.Dispose();
        }

        [Fact]
        public void An_acceptance_has_the_documented_layout_and_verifies()
        {
            var id = new DmRequestId(1, 2);
            byte[] packet = new AckFields(id, _nodes.Id(1), _nodes.Id(0), 0x0102030405, DmRejectReason.None, "ignored").EncodeAndSign(_nodes[1]);
            Assert.Equal(49 + 64, packet.Length);
            Assert.Equal("454d4441" + "01" + "01" + "0000", Convert.ToHexStringLower(packet.AsSpan(0, 8)));
            Assert.Equal("0000000102030405", Convert.ToHexStringLower(packet.AsSpan(40, 8)));
            Assert.Equal(0, packet[48]);

            Assert.Equal(DmRefusal.None, AckFields.TryParse(packet, out AckFields parsed, out int signed));
            Assert.True(parsed.Accepted);
            Assert.Equal(id, parsed.RequestId);
            Assert.Equal(_nodes.Id(1), parsed.From);
            Assert.Equal(_nodes.Id(0), parsed.To);
            Assert.Equal(string.Empty, parsed.Text);
            Assert.True(AckFields.VerifySignature(packet, signed, _nodes[1].PublicKey));
            Assert.False(AckFields.VerifySignature(packet, signed, _nodes[0].PublicKey));
        }

        [Fact]
        public void A_rejection_carries_its_reason_and_text_cut_to_whole_characters()
        {
            string text = new string('a', 119) + "\u00e9" + "tail"; // é straddles the 120-byte limit
            byte[] packet = new AckFields(new DmRequestId(1, 2), _nodes.Id(1), _nodes.Id(0), 5, DmRejectReason.NotAllowed, text).EncodeAndSign(_nodes[1]);
            Assert.Equal(DmRefusal.None, AckFields.TryParse(packet, out AckFields parsed, out _));
            Assert.False(parsed.Accepted);
            Assert.Equal(DmRejectReason.NotAllowed, parsed.Reason);
            Assert.Equal(new string('a', 119), parsed.Text);
            Assert.Equal(2, packet[5]);
            Assert.Equal(119, packet[48]);
        }

        [Fact]
        public void Inconsistent_or_invalid_acknowledgements_are_malformed()
        {
            byte[] accepted = new AckFields(new DmRequestId(1, 2), _nodes.Id(1), _nodes.Id(0), 5, DmRejectReason.None, string.Empty).EncodeAndSign(_nodes[1]);
            byte[] rejected = new AckFields(new DmRequestId(1, 2), _nodes.Id(1), _nodes.Id(0), 5, DmRejectReason.NotAllowed, "no").EncodeAndSign(_nodes[1]);
            Assert.Equal(DmRefusal.Malformed, Parse(accepted, p => p[7] = 1)); // accepted with a reason
            Assert.Equal(DmRefusal.Malformed, Parse(rejected, p => p[7] = 0)); // rejected without one
            Assert.Equal(DmRefusal.Malformed, Parse(accepted, p => p[5] = 3)); // unknown outcome
            Assert.Equal(DmRefusal.Malformed, Parse(rejected, p => p[49] = 0xFF)); // not UTF-8
            Assert.Equal(DmRefusal.Malformed, Parse(rejected, p => p[48] = 3)); // length disagrees
            Assert.Equal(DmRefusal.UnsupportedVersion, Parse(accepted, p => p[4] = 2));
            Assert.Equal(DmRefusal.Malformed, AckFields.TryParse(accepted.AsSpan(0, accepted.Length - 1), out _, out _));
            Assert.Equal("no", Encoding.UTF8.GetString(rejected.AsSpan(49, 2)));
        }

        private static DmRefusal Parse(byte[] packet, Action<byte[]> change)
        {
            byte[] copy = (byte[])packet.Clone();
            change(copy);
            return AckFields.TryParse(copy, out _, out _);
        }
    }
}
