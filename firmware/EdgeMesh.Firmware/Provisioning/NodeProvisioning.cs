namespace EdgeMesh.Firmware.Provisioning
{
    /// <summary>
    /// What makes a flashed board one particular node: its id, the segment key its radio frames are
    /// authenticated with, the board it runs on and how its radio and timers are set. Written by
    /// <c>edgemesh firmware provision</c>, stored in the device's config flash as a
    /// <see cref="ProvisioningCodec"/> record, read once at boot.
    /// </summary>
    public sealed class NodeProvisioning
    {
        /// <summary>Segment key length: 256 bits, the HMAC-SHA256 key of the lightweight mode.</summary>
        public const int SegmentKeyLength = 32;

        /// <summary>Longest board name (the record's board field holds a length byte and 31 characters).</summary>
        public const int MaxBoardNameLength = 31;

        /// <summary>Creates an empty record (id 0, zero key): not valid until filled in.</summary>
        public NodeProvisioning()
        {
            SegmentKey = new byte[SegmentKeyLength];
            BoardName = string.Empty;
            Radio = new RadioSettings();
            HeartbeatIntervalSeconds = 30;
            TelemetryIntervalSeconds = 60;
            CommandTimeoutMs = 500;
        }

        /// <summary>The node's 64-bit wire id (never 0).</summary>
        public ulong NodeId { get; set; }

        /// <summary>The 32-byte segment key (shared by the segment's nodes and its gateway).</summary>
        public byte[] SegmentKey { get; }

        /// <summary>Board definition name, as in boards/ (for example <c>esp32s3-lilygo-t3s3-sx1276</c>).</summary>
        public string BoardName { get; set; }

        /// <summary>Radio chip and settings.</summary>
        public RadioSettings Radio { get; set; }

        /// <summary>Seconds between heartbeats (1..3600).</summary>
        public int HeartbeatIntervalSeconds { get; set; }

        /// <summary>Seconds between telemetry reports (1..3600).</summary>
        public int TelemetryIntervalSeconds { get; set; }

        /// <summary>Motors stop this long after the last motion command (50..10 000 ms) unless a new one arrives.</summary>
        public int CommandTimeoutMs { get; set; }

        /// <summary>True when the board name is 1..31 characters of [a-z0-9-_].</summary>
        public static bool IsValidBoardName(string? name)
        {
            if (name == null || name.Length < 1 || name.Length > MaxBoardNameLength)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Checks every field; <see cref="ProvisioningError.None"/> when the record may be used.</summary>
        public ProvisioningError Validate()
        {
            if (NodeId == 0)
            {
                return ProvisioningError.InvalidNodeId;
            }

            bool keySet = false;
            for (int i = 0; i < SegmentKey.Length; i++)
            {
                keySet |= SegmentKey[i] != 0;
            }

            if (!keySet)
            {
                return ProvisioningError.InvalidSegmentKey;
            }

            if (!IsValidBoardName(BoardName))
            {
                return ProvisioningError.InvalidBoardName;
            }

            if (Radio == null || (Radio.Chip != Hardware.Radio.RadioChip.Sx1276 && Radio.Chip != Hardware.Radio.RadioChip.Nrf24l01Plus))
            {
                return ProvisioningError.UnknownRadioChip;
            }

            if (!Radio.IsValid())
            {
                return ProvisioningError.InvalidRadioSettings;
            }

            if (HeartbeatIntervalSeconds < 1 || HeartbeatIntervalSeconds > 3600 || TelemetryIntervalSeconds < 1
                || TelemetryIntervalSeconds > 3600 || CommandTimeoutMs < 50 || CommandTimeoutMs > 10000)
            {
                return ProvisioningError.InvalidTiming;
            }

            return ProvisioningError.None;
        }
    }
}
