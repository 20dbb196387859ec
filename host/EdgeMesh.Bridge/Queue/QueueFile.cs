using System;
using System.Buffers.Binary;
using System.Text;

namespace EdgeMesh.Bridge.Queue
{
    /// <summary>
    /// Layout of one queued message on disk (docs/mqtt.md §5): magic "EMBQ", version 1, QoS, two
    /// reserved bytes, sequence (8), message id (8), rule name length (2), topic length (2), payload
    /// length (4), the three fields, then a CRC-32 of everything before it. Lengths are checked against
    /// fixed maxima before anything is allocated, so a damaged file cannot ask for a huge buffer.
    /// </summary>
    internal static class QueueFile
    {
        internal const int HeaderLength = 32;
        internal const int MaxRuleLength = 64;
        internal const int MaxTopicLength = 256;

        /// <summary>Largest broker payload the bridge writes (a JSON form may be larger than the mesh's 64 KiB).</summary>
        internal const int MaxPayloadLength = 256 * 1024;

        internal const int MaxFileLength = HeaderLength + MaxRuleLength + MaxTopicLength + MaxPayloadLength + 4;

        private static ReadOnlySpan<byte> Magic => "EMBQ"u8;

        internal static byte[] Encode(OutboundMessage message)
        {
            byte[] rule = Encoding.UTF8.GetBytes(message.Rule);
            byte[] topic = Encoding.UTF8.GetBytes(message.Topic);
            if (rule.Length > MaxRuleLength || topic.Length > MaxTopicLength || message.Payload.Length > MaxPayloadLength)
            {
                throw new ArgumentException("queued message exceeds the queue file limits", nameof(message));
            }

            int body = HeaderLength + rule.Length + topic.Length + message.Payload.Length;
            byte[] file = new byte[body + 4];
            Span<byte> s = file;
            Magic.CopyTo(s);
            s[4] = 1;
            s[5] = (byte)message.Qos;
            BinaryPrimitives.WriteUInt64BigEndian(s.Slice(8), message.Sequence);
            BinaryPrimitives.WriteUInt64BigEndian(s.Slice(16), message.MessageId);
            BinaryPrimitives.WriteUInt16BigEndian(s.Slice(24), (ushort)rule.Length);
            BinaryPrimitives.WriteUInt16BigEndian(s.Slice(26), (ushort)topic.Length);
            BinaryPrimitives.WriteUInt32BigEndian(s.Slice(28), (uint)message.Payload.Length);
            rule.CopyTo(s.Slice(HeaderLength));
            topic.CopyTo(s.Slice(HeaderLength + rule.Length));
            message.Payload.CopyTo(s.Slice(HeaderLength + rule.Length + topic.Length));
            BinaryPrimitives.WriteUInt32BigEndian(s.Slice(body), Crc32.Compute(s.Slice(0, body)));
            return file;
        }

        internal static bool TryDecode(ReadOnlySpan<byte> file, out OutboundMessage? message)
        {
            message = null;
            if (file.Length < HeaderLength + 4 || file.Length > MaxFileLength || !file.Slice(0, 4).SequenceEqual(Magic)
                || file[4] != 1 || file[5] > 1 || file[6] != 0 || file[7] != 0)
            {
                return false;
            }

            int ruleLength = BinaryPrimitives.ReadUInt16BigEndian(file.Slice(24));
            int topicLength = BinaryPrimitives.ReadUInt16BigEndian(file.Slice(26));
            uint payloadLength = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(28));
            if (ruleLength > MaxRuleLength || topicLength == 0 || topicLength > MaxTopicLength || payloadLength > MaxPayloadLength
                || file.Length != HeaderLength + ruleLength + topicLength + (int)payloadLength + 4)
            {
                return false;
            }

            int body = file.Length - 4;
            if (Crc32.Compute(file.Slice(0, body)) != BinaryPrimitives.ReadUInt32BigEndian(file.Slice(body)))
            {
                return false;
            }

            string rule = Encoding.UTF8.GetString(file.Slice(HeaderLength, ruleLength));
            string topic = Encoding.UTF8.GetString(file.Slice(HeaderLength + ruleLength, topicLength));
            byte[] payload = file.Slice(HeaderLength + ruleLength + topicLength, (int)payloadLength).ToArray();
            message = new OutboundMessage(
                BinaryPrimitives.ReadUInt64BigEndian(file.Slice(8)),
                rule,
                topic,
                file[5],
                payload,
                BinaryPrimitives.ReadUInt64BigEndian(file.Slice(16)));
            return true;
        }
    }
}
