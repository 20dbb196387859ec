namespace EdgeMesh.Firmware.Provisioning
{
    /// <summary>Why a provisioning record was not read or written (docs/firmware.md §3).</summary>
    public enum ProvisioningError
    {
        /// <summary>Read or written.</summary>
        None = 0,

        /// <summary>Fewer bytes than a record holds.</summary>
        Truncated = 1,

        /// <summary>The record does not start with "EMPV": blank or foreign flash.</summary>
        BadMagic = 2,

        /// <summary>A format version this firmware does not know.</summary>
        UnsupportedVersion = 3,

        /// <summary>The length field disagrees with the version's record length.</summary>
        BadLength = 4,

        /// <summary>The CRC-16 does not match: the record is corrupt.</summary>
        BadChecksum = 5,

        /// <summary>Node id 0 (never assigned).</summary>
        InvalidNodeId = 6,

        /// <summary>The radio chip code is not one the firmware drives.</summary>
        UnknownRadioChip = 7,

        /// <summary>Board name empty, longer than 31 characters, or with characters outside [a-z0-9-_].</summary>
        InvalidBoardName = 8,

        /// <summary>A radio setting is outside what the chip supports.</summary>
        InvalidRadioSettings = 9,

        /// <summary>A heartbeat, telemetry, command-timeout or duty-cycle value is out of range.</summary>
        InvalidTiming = 10,

        /// <summary>The segment key is missing or all zero.</summary>
        InvalidSegmentKey = 11,

        /// <summary>The destination cannot hold a record.</summary>
        BufferTooSmall = 12,

        /// <summary>A null or out-of-range buffer argument.</summary>
        InvalidArgument = 13,
    }
}
