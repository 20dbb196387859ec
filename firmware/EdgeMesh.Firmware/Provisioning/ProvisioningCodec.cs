using EdgeMesh.Firmware.Internal;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Protocol.Link;

namespace EdgeMesh.Firmware.Provisioning
{
    /// <summary>
    /// The provisioning record stored in a node's config flash (docs/firmware.md §3): 104 bytes,
    /// big-endian, with a CRC-16/CCITT over everything before it, so blank, foreign or half-written
    /// flash is told apart from a real record. Decoding never throws and never allocates by a length
    /// read from the record (the board name is at most 31 characters by layout).
    /// </summary>
    public static class ProvisioningCodec
    {
        /// <summary>Record length of format version 1.</summary>
        public const int Length = 104;

        /// <summary>Format version written by this firmware.</summary>
        public const byte Version = 1;

        internal const int OffsetVersion = 4;
        internal const int OffsetChip = 5;
        internal const int OffsetLength = 6;
        internal const int OffsetNodeId = 8;
        internal const int OffsetKey = 16;
        internal const int OffsetBoard = 48;
        internal const int OffsetFrequency = 80;
        internal const int OffsetBandwidth = 84;
        internal const int OffsetSpreadingFactor = 88;
        internal const int OffsetCodingRate = 89;
        internal const int OffsetTxPower = 90;
        internal const int OffsetRfChannel = 91;
        internal const int OffsetDataRate = 92;
        internal const int OffsetHopLimit = 93;
        internal const int OffsetHeartbeat = 94;
        internal const int OffsetTelemetry = 96;
        internal const int OffsetCommandTimeout = 98;
        internal const int OffsetDutyCycle = 100;
        internal const int OffsetCrc = 102;

        private static readonly byte[] Magic = { 0x45, 0x4D, 0x50, 0x56 }; // "EMPV"

        /// <summary>Writes a validated record; nothing is written unless the result is <see cref="ProvisioningError.None"/>.</summary>
        public static ProvisioningError Encode(NodeProvisioning value, byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            if (value == null || destination == null || offset < 0 || count < 0 || offset > destination.Length - count)
            {
                return ProvisioningError.InvalidArgument;
            }

            ProvisioningError error = value.Validate();
            if (error != ProvisioningError.None)
            {
                return error;
            }

            if (count < Length)
            {
                return ProvisioningError.BufferTooSmall;
            }

            System.Array.Clear(destination, offset, Length);
            System.Array.Copy(Magic, 0, destination, offset, Magic.Length);
            destination[offset + OffsetVersion] = Version;
            destination[offset + OffsetChip] = (byte)value.Radio.Chip;
            ByteOrder.WriteUInt16(destination, offset + OffsetLength, Length);
            ByteOrder.WriteUInt64(destination, offset + OffsetNodeId, value.NodeId);
            System.Array.Copy(value.SegmentKey, 0, destination, offset + OffsetKey, NodeProvisioning.SegmentKeyLength);
            string board = value.BoardName;
            destination[offset + OffsetBoard] = (byte)board.Length;
            for (int i = 0; i < board.Length; i++)
            {
                destination[offset + OffsetBoard + 1 + i] = (byte)board[i];
            }

            RadioSettings radio = value.Radio;
            ByteOrder.WriteUInt32(destination, offset + OffsetFrequency, radio.FrequencyHz);
            ByteOrder.WriteUInt32(destination, offset + OffsetBandwidth, radio.BandwidthHz);
            destination[offset + OffsetSpreadingFactor] = (byte)radio.SpreadingFactor;
            destination[offset + OffsetCodingRate] = (byte)radio.CodingRateDenominator;
            destination[offset + OffsetTxPower] = (byte)(sbyte)radio.TxPowerDbm;
            destination[offset + OffsetRfChannel] = (byte)radio.RfChannel;
            destination[offset + OffsetDataRate] = (byte)radio.DataRateCode;
            destination[offset + OffsetHopLimit] = (byte)radio.HopLimit;
            ByteOrder.WriteUInt16(destination, offset + OffsetHeartbeat, value.HeartbeatIntervalSeconds);
            ByteOrder.WriteUInt16(destination, offset + OffsetTelemetry, value.TelemetryIntervalSeconds);
            ByteOrder.WriteUInt16(destination, offset + OffsetCommandTimeout, value.CommandTimeoutMs);
            ByteOrder.WriteUInt16(destination, offset + OffsetDutyCycle, radio.DutyCyclePerMille);
            ByteOrder.WriteUInt16(destination, offset + OffsetCrc, Crc16Ccitt.Compute(destination, offset, OffsetCrc));
            written = Length;
            return ProvisioningError.None;
        }

        /// <summary>
        /// Reads the record at <paramref name="offset"/> into <paramref name="into"/> (its key array is
        /// overwritten in place). On any error <paramref name="into"/> is left as it was.
        /// </summary>
        public static ProvisioningError Decode(byte[] source, int offset, int count, NodeProvisioning into)
        {
            if (source == null || into == null || offset < 0 || count < 0 || offset > source.Length - count)
            {
                return ProvisioningError.InvalidArgument;
            }

            if (count < OffsetLength + 2)
            {
                return ProvisioningError.Truncated;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (source[offset + i] != Magic[i])
                {
                    return ProvisioningError.BadMagic;
                }
            }

            if (source[offset + OffsetVersion] != Version)
            {
                return ProvisioningError.UnsupportedVersion;
            }

            if (ByteOrder.ReadUInt16(source, offset + OffsetLength) != Length)
            {
                return ProvisioningError.BadLength;
            }

            if (count < Length)
            {
                return ProvisioningError.Truncated;
            }

            if (ByteOrder.ReadUInt16(source, offset + OffsetCrc) != Crc16Ccitt.Compute(source, offset, OffsetCrc))
            {
                return ProvisioningError.BadChecksum;
            }

            int boardLength = source[offset + OffsetBoard];
            if (boardLength < 1 || boardLength > NodeProvisioning.MaxBoardNameLength)
            {
                return ProvisioningError.InvalidBoardName;
            }

            char[] board = new char[boardLength];
            for (int i = 0; i < boardLength; i++)
            {
                board[i] = (char)source[offset + OffsetBoard + 1 + i];
            }

            var radio = new RadioSettings();
            radio.Chip = (RadioChip)source[offset + OffsetChip];
            radio.FrequencyHz = ByteOrder.ReadUInt32(source, offset + OffsetFrequency);
            radio.BandwidthHz = ByteOrder.ReadUInt32(source, offset + OffsetBandwidth);
            radio.SpreadingFactor = source[offset + OffsetSpreadingFactor];
            radio.CodingRateDenominator = source[offset + OffsetCodingRate];
            radio.TxPowerDbm = (sbyte)source[offset + OffsetTxPower];
            radio.RfChannel = source[offset + OffsetRfChannel];
            radio.DataRateCode = source[offset + OffsetDataRate];
            radio.HopLimit = source[offset + OffsetHopLimit];
            radio.DutyCyclePerMille = ByteOrder.ReadUInt16(source, offset + OffsetDutyCycle);

            // Validate a scratch copy first, so a bad record never half-overwrites the caller's.
            var candidate = new NodeProvisioning();
            candidate.NodeId = ByteOrder.ReadUInt64(source, offset + OffsetNodeId);
            System.Array.Copy(source, offset + OffsetKey, candidate.SegmentKey, 0, NodeProvisioning.SegmentKeyLength);
            candidate.BoardName = new string(board);
            candidate.Radio = radio;
            candidate.HeartbeatIntervalSeconds = ByteOrder.ReadUInt16(source, offset + OffsetHeartbeat);
            candidate.TelemetryIntervalSeconds = ByteOrder.ReadUInt16(source, offset + OffsetTelemetry);
            candidate.CommandTimeoutMs = ByteOrder.ReadUInt16(source, offset + OffsetCommandTimeout);
            ProvisioningError error = candidate.Validate();
            if (error != ProvisioningError.None)
            {
                System.Array.Clear(candidate.SegmentKey, 0, NodeProvisioning.SegmentKeyLength);
                return error;
            }

            into.NodeId = candidate.NodeId;
            System.Array.Copy(candidate.SegmentKey, 0, into.SegmentKey, 0, NodeProvisioning.SegmentKeyLength);
            System.Array.Clear(candidate.SegmentKey, 0, NodeProvisioning.SegmentKeyLength);
            into.BoardName = candidate.BoardName;
            into.Radio = radio;
            into.HeartbeatIntervalSeconds = candidate.HeartbeatIntervalSeconds;
            into.TelemetryIntervalSeconds = candidate.TelemetryIntervalSeconds;
            into.CommandTimeoutMs = candidate.CommandTimeoutMs;
            return ProvisioningError.None;
        }
    }
}
