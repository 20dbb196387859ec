using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Encodes and decodes <see cref="PayloadType.Heartbeat"/> payloads, layout version 1
    /// (docs/payloads.md §3). Fixed length; never throws on bad input and never allocates.
    /// </summary>
    public static class HeartbeatCodec
    {
        /// <summary>Exact payload length of layout version 1 (§3).</summary>
        public const int Length = 38;

        // Byte offsets of the fields, docs/payloads.md §3.
        private const int OffsetStatus = 1;
        private const int OffsetStateOfCharge = 2;
        private const int OffsetMillivolts = 4;
        private const int OffsetUptime = 6;
        private const int OffsetPosition = 10;
        private const int OffsetOrientation = 22;

        /// <summary>
        /// Writes <paramref name="value"/> at <paramref name="offset"/>. Rejects an undefined status
        /// or a state of charge over 10000 (other than the "unknown" value) with
        /// <see cref="FrameError.FieldOutOfRange"/>; nothing is written on error.
        /// </summary>
        public static FrameError Encode(in Heartbeat value, byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            FrameError error = PayloadChecks.Destination(destination, offset, count, Length);
            if (error != FrameError.None)
            {
                return error;
            }

            if (!IsValid((int)value.Status, value.StateOfCharge))
            {
                return FrameError.FieldOutOfRange;
            }

            destination[offset] = PayloadLayout.Version;
            destination[offset + OffsetStatus] = (byte)value.Status;
            BigEndian.WriteUInt16(destination, offset + OffsetStateOfCharge, value.StateOfCharge);
            BigEndian.WriteUInt16(destination, offset + OffsetMillivolts, value.BatteryMillivolts);
            BigEndian.WriteUInt32(destination, offset + OffsetUptime, value.UptimeSeconds);
            value.Pose.Position.Write(destination, offset + OffsetPosition);
            value.Pose.Orientation.Write(destination, offset + OffsetOrientation);
            written = Length;
            return FrameError.None;
        }

        /// <summary>
        /// Reads a heartbeat that fills exactly <paramref name="count"/> bytes. Errors, in the order
        /// checked: InvalidArgument, Truncated, UnsupportedPayloadVersion, Truncated, LengthMismatch,
        /// FieldOutOfRange (status or state of charge).
        /// </summary>
        public static FrameError Decode(byte[] source, int offset, int count, out Heartbeat value)
        {
            value = default(Heartbeat);
            FrameError error = PayloadChecks.Fixed(source, offset, count, Length);
            if (error != FrameError.None)
            {
                return error;
            }

            int status = source[offset + OffsetStatus];
            int stateOfCharge = BigEndian.ReadUInt16(source, offset + OffsetStateOfCharge);
            if (!IsValid(status, stateOfCharge))
            {
                return FrameError.FieldOutOfRange;
            }

            value = new Heartbeat(
                (NodeStatus)status,
                (ushort)stateOfCharge,
                (ushort)BigEndian.ReadUInt16(source, offset + OffsetMillivolts),
                BigEndian.ReadUInt32(source, offset + OffsetUptime),
                new Pose(Vector3F.Read(source, offset + OffsetPosition), QuaternionF.Read(source, offset + OffsetOrientation)));
            return FrameError.None;
        }

        private static bool IsValid(int status, int stateOfCharge)
        {
            return status <= (int)NodeStatus.Maintenance
                && (stateOfCharge <= Heartbeat.MaxStateOfCharge || stateOfCharge == Heartbeat.StateOfChargeUnknown);
        }
    }
}
