namespace EdgeMesh.Firmware.Motion
{
    /// <summary>What <see cref="MotionController.Apply"/> did with a command.</summary>
    public enum MotionVerdict
    {
        /// <summary>The motors run at the commanded speeds until the command's deadline.</summary>
        Applied = 0,

        /// <summary>A stop command: both motors stopped.</summary>
        Stopped = 1,

        /// <summary>Not newer than the command being executed (reordered or repeated on the radio): ignored.</summary>
        Stale = 2,

        /// <summary>Non-finite speeds: ignored, motors unchanged.</summary>
        Invalid = 3,
    }
}
