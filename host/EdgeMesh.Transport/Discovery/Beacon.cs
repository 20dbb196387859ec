using System;
using System.Buffers.Binary;
using System.Net;

namespace EdgeMesh.Transport.Discovery
{
    /// <summary>
    /// The payload of a <c>FrameKind.Beacon</c> frame: how to reach the sender
    /// (docs/transport.md §3). Layout, big-endian: version (1) · flags · UDP port (2) · TCP port (2,
    /// 0 = none) · address length (0, 4 or 16) · address. An empty address means "the source address
    /// of the datagram", which is right unless the node sits behind a NAT or listens on a wildcard.
    /// </summary>
    public readonly struct Beacon
    {
        /// <summary>Layout version written and accepted.</summary>
        public const byte Version = 1;

        /// <summary>Length without an address.</summary>
        public const int FixedLength = 7;

        /// <summary>Longest encoding (IPv6 address).</summary>
        public const int MaxLength = FixedLength + 16;

        /// <summary>Creates a beacon.</summary>
        public Beacon(byte flags, int udpPort, int tcpPort, IPAddress? address)
        {
            Flags = flags;
            UdpPort = udpPort;
            TcpPort = tcpPort;
            Address = address;
        }

        /// <summary><see cref="BeaconFlags"/> bits.</summary>
        public byte Flags { get; }

        /// <summary>The sender's UDP port.</summary>
        public int UdpPort { get; }

        /// <summary>The sender's TCP port, 0 when it accepts no TCP.</summary>
        public int TcpPort { get; }

        /// <summary>The advertised address, or null to use the datagram's source address.</summary>
        public IPAddress? Address { get; }

        /// <summary>True when the sender asks for an answer.</summary>
        public bool ReplyRequested => (Flags & BeaconFlags.ReplyRequested) != 0;

        /// <summary>Writes the payload; returns its length, or 0 when <paramref name="destination"/> is too small.</summary>
        public int Encode(Span<byte> destination)
        {
            int addressLength = Address == null ? 0 : (Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 16 : 4);
            int length = FixedLength + addressLength;
            if (destination.Length < length)
            {
                return 0;
            }

            destination[0] = Version;
            destination[1] = Flags;
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2), (ushort)UdpPort);
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(4), (ushort)TcpPort);
            destination[6] = (byte)addressLength;
            if (Address != null && !Address.TryWriteBytes(destination.Slice(FixedLength), out _))
            {
                return 0;
            }

            return length;
        }

        /// <summary>Reads a payload; false for anything that is not exactly one valid beacon. Never throws.</summary>
        public static bool TryDecode(ReadOnlySpan<byte> payload, out Beacon beacon)
        {
            beacon = default;
            if (payload.Length < FixedLength || payload[0] != Version || (payload[1] & ~BeaconFlags.DefinedMask) != 0)
            {
                return false;
            }

            int addressLength = payload[6];
            if ((addressLength != 0 && addressLength != 4 && addressLength != 16) || payload.Length != FixedLength + addressLength)
            {
                return false;
            }

            int udpPort = BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(2));
            if (udpPort == 0)
            {
                return false;
            }

            IPAddress? address = addressLength == 0 ? null : new IPAddress(payload.Slice(FixedLength, addressLength));
            beacon = new Beacon(payload[1], udpPort, BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(4)), address);
            return true;
        }
    }
}
