using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Encodes and decodes <see cref="PayloadType.MotionCommand"/> payloads, layout version 1
    /// (docs/payloads.md §4). Fixed length; never throws on bad input and never allocates.
    /// Velocities must be finite: a NaN or infinite velocity is refused on both sides so that it
    /// can never reach a motor controller.
    /// </summary>
    public static class MotionCommandCodec
    {
        /// <summary>Exact payload length of layout version 1 (§4).</summary>
        public const int Length = 33;

        // Byte offsets of the fields, docs/payloads.md §4.
        private const int OffsetSequence = 1;
        private const int OffsetLinear = 5;
        private const int OffsetAngular = 17;
        private const int OffsetDuration = 29;

        /// <summary>
        /// Writes <paramref name="value"/> at <paramref name="offset"/>. A non-finite velocity
        /// component is <see cref="FrameError.FieldOutOfRange"/>; nothing is written on error.
        /// </summary>
        public static FrameError Encode(in MotionCommand value, byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            FrameError error = PayloadChecks.Destination(destination, offset, count, Length);
            if (error != FrameError.None)
            {
                return error;
            }

            if (!value.Linear.IsFinite || !value.Angular.IsFinite)
            {
                return FrameError.FieldOutOfRange;
            }

            destination[offset] = PayloadLayout.Version;
            BigEndian.WriteUInt32(destination, offset + OffsetSequence, value.Sequence);
            value.Linear.Write(destination, offset + OffsetLinear);
            value.Angular.Write(destination, offset + OffsetAngular);
            BigEndian.WriteUInt32(destination, offset + OffsetDuration, value.DurationMs);
            written = Length;
            return FrameError.None;
        }

        /// <summary>
        /// Reads a command that fills exactly <paramref name="count"/> bytes. Errors, in the order
        /// checked: InvalidArgument, Truncated, UnsupportedPayloadVersion, Truncated, LengthMismatch,
        /// FieldOutOfRange (a NaN or infinite velocity component).
        /// </summary>
        public static FrameError Decode(byte[] source, int offset, int count, out MotionCommand value)
        {
            value = default(MotionCommand);
            FrameError error = PayloadChecks.Fixed(source, offset, count, Length);
            if (error != FrameError.None)
            {
                return error;
            }

            // Checked on the raw bits: the six components are contiguous from OffsetLinear.
            for (int i = 0; i < 6; i++)
            {
                if (!PayloadChecks.IsFiniteBits(BigEndian.ReadUInt32(source, offset + OffsetLinear + (4 * i))))
                {
                    return FrameError.FieldOutOfRange;
                }
            }

            value = new MotionCommand(
                BigEndian.ReadUInt32(source, offset + OffsetSequence),
                Vector3F.Read(source, offset + OffsetLinear),
                Vector3F.Read(source, offset + OffsetAngular),
                BigEndian.ReadUInt32(source, offset + OffsetDuration));
            return FrameError.None;
        }
    }
}
