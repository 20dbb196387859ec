namespace EdgeMesh.Firmware.Application
{
    /// <summary>Why <see cref="FirmwareBoot"/> did not start the application.</summary>
    public enum BootError
    {
        /// <summary>Started.</summary>
        None = 0,

        /// <summary>The provisioning record is missing or invalid (<see cref="FirmwareBoot.LastProvisioningError"/> says how).</summary>
        NotProvisioned = 1,

        /// <summary>The record names a board this image does not know.</summary>
        UnknownBoard = 2,

        /// <summary>The record's radio chip is not the one the board carries.</summary>
        RadioMismatch = 3,
    }
}
