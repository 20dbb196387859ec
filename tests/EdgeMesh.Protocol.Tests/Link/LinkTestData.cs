using System.Collections.Generic;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Link
{
    /// <summary>Byte helpers and sinks shared by the link tests.</summary>
    internal static class LinkTestData
    {
        /// <summary>Parses hex with optional spaces ("01 02 ff").</summary>
        public static byte[] Hex(string text)
        {
            return Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));
        }

        /// <summary>The bytes first..last inclusive.</summary>
        public static byte[] Run(int first, int last)
        {
            byte[] result = new byte[last - first + 1];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (byte)(first + i);
            }

            return result;
        }

        public static byte[] Concat(params byte[][] parts)
        {
            var all = new List<byte>();
            foreach (byte[] part in parts)
            {
                all.AddRange(part);
            }

            return all.ToArray();
        }

        /// <summary>Random bytes with many zeros and 0xFF, the values COBS treats specially.</summary>
        public static void FillTricky(Random random, byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                int roll = random.Next(8);
                buffer[offset + i] = roll == 0 ? (byte)0 : roll == 1 ? (byte)0xFF : (byte)random.Next(256);
            }
        }

        /// <summary>Encodes a frame as a stream record into a new array.</summary>
        public static byte[] Record(byte[] frame)
        {
            byte[] record = new byte[StreamFramer.MaxRecordLength(frame.Length)];
            Assert.Equal(FrameError.None, StreamFramer.Encode(frame, 0, frame.Length, record, 0, record.Length, out int written));
            Array.Resize(ref record, written);
            return record;
        }

        /// <summary>All packets the fragmenter writes for one frame, each in a new array.</summary>
        public static List<byte[]> Packets(Fragmenter fragmenter, byte[] frame)
        {
            Assert.Equal(FrameError.None, fragmenter.Begin(frame, 0, frame.Length));
            var packets = new List<byte[]>();
            byte[] packet = new byte[fragmenter.Mtu];
            while (fragmenter.HasNextPacket)
            {
                Assert.Equal(FrameError.None, fragmenter.NextPacket(packet, 0, packet.Length, out int written));
                packets.Add(packet.AsSpan(0, written).ToArray());
            }

            return packets;
        }
    }

    /// <summary>Keeps a copy of every frame (tests only: it allocates).</summary>
    internal sealed class CollectingSink : ILinkFrameSink
    {
        public List<byte[]> Frames { get; } = new List<byte[]>();

        public void OnFrame(byte[] buffer, int offset, int count)
        {
            Frames.Add(buffer.AsSpan(offset, count).ToArray());
        }
    }

    /// <summary>Counts frames and sums their lengths without allocating.</summary>
    internal sealed class CountingSink : ILinkFrameSink
    {
        public long Frames { get; private set; }

        public long Bytes { get; private set; }

        public int LastFirstByte { get; private set; }

        public void OnFrame(byte[] buffer, int offset, int count)
        {
            Frames++;
            Bytes += count;
            LastFirstByte = buffer[offset];
        }
    }
}
