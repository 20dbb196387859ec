using EdgeMesh.Firmware.Internal;
using EdgeMesh.Firmware.Motion;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>
    /// Payload of the Ack frame a node sends for a MotionCommand frame that asked for one
    /// (docs/firmware.md §5): version 1, the acknowledged frame's sequence (8 bytes), the command's
    /// own sequence (4 bytes) and what the node did with it (<see cref="MotionVerdict"/>), 14 bytes.
    /// </summary>
    public static class MotionAckCodec
    {
        /// <summary>Payload type of the acknowledgement (application-defined range).</summary>
        public const ushort PayloadType = 0x8001;

        /// <summary>Encoded length.</summary>
        public const int Length = 14;

        private const byte LayoutVersion = 1;

        /// <summary>Writes the acknowledgement.</summary>
        public static FrameError Encode(ulong frameSequence, uint commandSequence, MotionVerdict verdict, byte[] destination, int offset, int count)
        {
            if (destination == null || offset < 0 || count < Length || offset > destination.Length - Length)
            {
                return FrameError.BufferTooSmall;
            }

            destination[offset] = LayoutVersion;
            ByteOrder.WriteUInt64(destination, offset + 1, frameSequence);
            ByteOrder.WriteUInt32(destination, offset + 9, commandSequence);
            destination[offset + 13] = (byte)verdict;
            return FrameError.None;
        }

        /// <summary>Reads an acknowledgement; never throws.</summary>
        public static FrameError Decode(byte[] source, int offset, int count, out ulong frameSequence, out uint commandSequence, out MotionVerdict verdict)
        {
            frameSequence = 0;
            commandSequence = 0;
            verdict = MotionVerdict.Invalid;
            if (source == null || offset < 0 || count < 0 || offset > source.Length - count || count != Length)
            {
                return FrameError.Truncated;
            }

            if (source[offset] != LayoutVersion || source[offset + 13] > (byte)MotionVerdict.Invalid)
            {
                return FrameError.UnsupportedVersion;
            }

            frameSequence = ByteOrder.ReadUInt64(source, offset + 1);
            commandSequence = ByteOrder.ReadUInt32(source, offset + 9);
            verdict = (MotionVerdict)source[offset + 13];
            return FrameError.None;
        }
    }
}
