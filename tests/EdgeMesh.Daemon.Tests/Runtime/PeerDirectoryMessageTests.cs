using System.Linq;
using System.Net;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>The address book exchange's messages: round trips and untrusted input.</summary>
    public sealed class PeerDirectoryMessageTests
    {
        [Fact]
        public void RequestsAndAnswersRoundTrip()
        {
            var buffer = new byte[1024];
            NodeId[] asked = { new(1), new(0xFEDCBA9876543210) };
            int length = PeerDirectoryMessage.EncodeRequest(asked, buffer);
            var ids = new NodeId[PeerDirectoryMessage.MaxRequestIds];
            Assert.True(PeerDirectoryMessage.TryDecodeRequest(buffer.AsSpan(0, length), ids, out int count));
            Assert.Equal(asked, ids[..count]);
            Assert.False(PeerDirectoryMessage.TryDecodeAnswer(buffer.AsSpan(0, length), out _, out _, out _));

            byte[] certificate = Enumerable.Range(0, 150).Select(i => (byte)i).ToArray();
            foreach (IPEndPoint address in new[] { new IPEndPoint(IPAddress.Parse("10.1.2.3"), 7411), new IPEndPoint(IPAddress.Parse("fd00::17"), 65535) })
            {
                length = PeerDirectoryMessage.EncodeAnswer(new NodeId(42), address, certificate, buffer);
                Assert.True(PeerDirectoryMessage.TryDecodeAnswer(buffer.AsSpan(0, length), out NodeId id, out IPEndPoint? decoded, out ReadOnlySpan<byte> carried));
                Assert.Equal(new NodeId(42), id);
                Assert.Equal(address, decoded);
                Assert.Equal(certificate, carried.ToArray());
                Assert.False(PeerDirectoryMessage.TryDecodeRequest(buffer.AsSpan(0, length), ids, out _));
            }

            Assert.Equal(0, PeerDirectoryMessage.EncodeAnswer(new NodeId(42), new IPEndPoint(IPAddress.Loopback, 1), certificate, buffer.AsSpan(0, 100)));
        }

        [Fact]
        public void RandomAndMutatedInputIsRefusedOrDecodedWithoutThrowing()
        {
            var random = new Random(20261121);
            var valid = new byte[256];
            int validLength = PeerDirectoryMessage.EncodeAnswer(new NodeId(7), new IPEndPoint(IPAddress.Loopback, 7411), new byte[100], valid);
            var input = new byte[256];
            var ids = new NodeId[PeerDirectoryMessage.MaxRequestIds];
            int decoded = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                int length;
                if (i % 2 == 0)
                {
                    length = random.Next(input.Length + 1);
                    random.NextBytes(input.AsSpan(0, length));
                    input[0] = (byte)random.Next(4);
                }
                else
                {
                    valid.AsSpan(0, validLength).CopyTo(input);
                    length = Math.Clamp(validLength + random.Next(-3, 4), 0, input.Length);
                    input[random.Next(length == 0 ? 1 : length)] ^= (byte)(1 << random.Next(8));
                }

                ReadOnlySpan<byte> payload = input.AsSpan(0, length);
                if (PeerDirectoryMessage.TryDecodeRequest(payload, ids, out int count))
                {
                    Assert.InRange(count, 1, PeerDirectoryMessage.MaxRequestIds);
                    decoded++;
                }

                if (PeerDirectoryMessage.TryDecodeAnswer(payload, out _, out IPEndPoint? address, out ReadOnlySpan<byte> certificate))
                {
                    Assert.NotNull(address);
                    Assert.InRange(certificate.Length, 0, PeerDirectoryMessage.MaxCertificateLength);
                    decoded++;
                }
            }

            Assert.True(decoded > 0, "some mutations stay well-formed");
        }
    }
}
