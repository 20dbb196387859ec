using System.Net;
using EdgeMesh.Transport.Discovery;

namespace EdgeMesh.Daemon.Tests.Discovery
{
    public sealed class BeaconTests
    {
        [Theory]
        [InlineData(null)]
        [InlineData("192.168.7.20")]
        [InlineData("fd00::7")]
        public void RoundTrips(string? address)
        {
            var beacon = new Beacon(BeaconFlags.ReplyRequested, 7411, 7412, address == null ? null : IPAddress.Parse(address));
            var buffer = new byte[Beacon.MaxLength];
            int length = beacon.Encode(buffer);
            Assert.True(Beacon.TryDecode(buffer.AsSpan(0, length), out Beacon decoded));
            Assert.True(decoded.ReplyRequested);
            Assert.Equal(7411, decoded.UdpPort);
            Assert.Equal(7412, decoded.TcpPort);
            Assert.Equal(beacon.Address, decoded.Address);
        }

        [Fact]
        public void KnownLayout()
        {
            var buffer = new byte[Beacon.MaxLength];
            int length = new Beacon(0, 0x1cf3, 0, IPAddress.Parse("10.1.2.3")).Encode(buffer);
            Assert.Equal(new byte[] { 1, 0, 0x1c, 0xf3, 0, 0, 4, 10, 1, 2, 3 }, buffer.AsSpan(0, length).ToArray());
        }

        [Fact]
        public void RandomAndMutatedInputsNeverThrowAndOnlyValidOnesDecode()
        {
            var random = new Random(11);
            var valid = new byte[Beacon.MaxLength];
            int validLength = new Beacon(0, 7411, 0, IPAddress.Parse("10.1.2.3")).Encode(valid);
            var input = new byte[Beacon.MaxLength + 4];
            int accepted = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                int length;
                if ((i & 1) == 0)
                {
                    length = random.Next(input.Length + 1);
                    random.NextBytes(input.AsSpan(0, length));
                }
                else
                {
                    valid.AsSpan(0, validLength).CopyTo(input);
                    length = validLength + random.Next(-2, 3);
                    input[random.Next(validLength)] ^= (byte)(1 << random.Next(8));
                }

                if (Beacon.TryDecode(input.AsSpan(0, Math.Clamp(length, 0, input.Length)), out Beacon beacon))
                {
                    accepted++;
                    Assert.InRange(beacon.UdpPort, 1, 65535);
                }
            }

            Assert.InRange(accepted, 1, 1_000_000);
        }
    }
}
