using System;
using System.Buffers.Binary;
using System.Text;

namespace EdgeMesh.Node.Bench.Mqtt
{
    /// <summary>
    /// Encodes the MQTT 3.1.1 packets a QoS 0 publisher and subscriber need (OASIS standard, 2014):
    /// CONNECT, SUBSCRIBE, PUBLISH, PINGREQ, DISCONNECT, and the fixed header's remaining length
    /// (§2.2.3: 7 bits per byte, low group first, at most 4 bytes). Encoders write into a caller's
    /// span and return the bytes written, or 0 when it is too small.
    /// </summary>
    internal static class MqttCodec
    {
        /// <summary>Largest remaining length the 4-byte encoding can carry (§2.2.3).</summary>
        internal const int MaxRemainingLength = 268_435_455;

        /// <summary>Longest fixed header: type byte and four length bytes.</summary>
        internal const int MaxFixedHeaderLength = 5;

        private static readonly byte[] ProtocolName = { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T' };

        /// <summary>Bytes the remaining-length field takes for <paramref name="length"/>.</summary>
        internal static int RemainingLengthSize(int length)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxRemainingLength);
            return length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;
        }

        /// <summary>Writes <paramref name="length"/> as a remaining-length field; returns its size.</summary>
        internal static int WriteRemainingLength(Span<byte> destination, int length)
        {
            int size = RemainingLengthSize(length);
            for (int i = 0; i < size; i++)
            {
                byte digit = (byte)(length & 0x7F);
                length >>= 7;
                destination[i] = i < size - 1 ? (byte)(digit | 0x80) : digit;
            }

            return size;
        }

        /// <summary>
        /// Reads a remaining-length field: 1 to 4 bytes consumed, 0 when more bytes are needed, -1
        /// when the field is malformed (a fifth continuation byte).
        /// </summary>
        internal static int TryReadRemainingLength(ReadOnlySpan<byte> source, out int length)
        {
            length = 0;
            int multiplier = 1;
            for (int i = 0; i < 4; i++)
            {
                if (i >= source.Length)
                {
                    return 0;
                }

                length += (source[i] & 0x7F) * multiplier;
                if ((source[i] & 0x80) == 0)
                {
                    return i + 1;
                }

                multiplier *= 128;
            }

            return -1;
        }

        /// <summary>CONNECT with a clean session, the keep-alive in seconds and the client id (§3.1).</summary>
        internal static int Connect(Span<byte> destination, string clientId, ushort keepAliveSeconds)
        {
            int idLength = Encoding.UTF8.GetByteCount(clientId);
            int remaining = ProtocolName.Length + 1 + 1 + 2 + 2 + idLength;
            int at = Header(destination, MqttPacketType.Connect, 0, remaining);
            if (at == 0)
            {
                return 0;
            }

            ProtocolName.CopyTo(destination.Slice(at));
            at += ProtocolName.Length;
            destination[at++] = 4; // protocol level 3.1.1
            destination[at++] = 0x02; // clean session, no will, no credentials
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(at), keepAliveSeconds);
            at += 2;
            return WriteString(destination, at, clientId, idLength);
        }

        /// <summary>SUBSCRIBE to one topic filter at QoS 0 (§3.8; its fixed-header flags are 0010).</summary>
        internal static int Subscribe(Span<byte> destination, ushort packetId, string topicFilter)
        {
            int topicLength = Encoding.UTF8.GetByteCount(topicFilter);
            int at = Header(destination, MqttPacketType.Subscribe, 0x02, 2 + 2 + topicLength + 1);
            if (at == 0)
            {
                return 0;
            }

            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(at), packetId);
            at = WriteString(destination, at + 2, topicFilter, topicLength);
            destination[at++] = 0; // requested QoS 0
            return at;
        }

        /// <summary>PUBLISH at QoS 0 (no packet identifier, §3.3.2.2) of <paramref name="payload"/> on an encoded topic name.</summary>
        internal static int Publish(Span<byte> destination, ReadOnlySpan<byte> topicUtf8, ReadOnlySpan<byte> payload)
        {
            int at = Header(destination, MqttPacketType.Publish, 0, 2 + topicUtf8.Length + payload.Length);
            if (at == 0)
            {
                return 0;
            }

            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(at), (ushort)topicUtf8.Length);
            topicUtf8.CopyTo(destination.Slice(at + 2));
            at += 2 + topicUtf8.Length;
            payload.CopyTo(destination.Slice(at));
            return at + payload.Length;
        }

        /// <summary>A packet with no variable header or payload: PINGREQ or DISCONNECT.</summary>
        internal static int Empty(Span<byte> destination, MqttPacketType type)
        {
            return Header(destination, type, 0, 0);
        }

        /// <summary>
        /// The topic name and payload of a QoS 0 PUBLISH body (the bytes after the fixed header);
        /// false when the body is malformed or not QoS 0.
        /// </summary>
        internal static bool TryParsePublish(byte flags, ReadOnlySpan<byte> body, out ReadOnlySpan<byte> topic, out ReadOnlySpan<byte> payload)
        {
            topic = default;
            payload = default;
            if ((flags & 0x06) != 0 || body.Length < 2)
            {
                return false;
            }

            int topicLength = BinaryPrimitives.ReadUInt16BigEndian(body);
            if (2 + topicLength > body.Length)
            {
                return false;
            }

            topic = body.Slice(2, topicLength);
            payload = body.Slice(2 + topicLength);
            return true;
        }

        private static int Header(Span<byte> destination, MqttPacketType type, byte flags, int remaining)
        {
            if (destination.Length < 1 + RemainingLengthSize(remaining) + remaining)
            {
                return 0;
            }

            destination[0] = (byte)(((int)type << 4) | flags);
            return 1 + WriteRemainingLength(destination.Slice(1), remaining);
        }

        private static int WriteString(Span<byte> destination, int at, string value, int byteCount)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(at), (ushort)byteCount);
            return at + 2 + Encoding.UTF8.GetBytes(value, destination.Slice(at + 2));
        }
    }
}
