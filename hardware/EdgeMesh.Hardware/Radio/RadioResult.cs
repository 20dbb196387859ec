namespace EdgeMesh.Hardware.Radio
{
    /// <summary>Outcome of a radio command.</summary>
    public enum RadioResult
    {
        /// <summary>Done (or started, for a transmission).</summary>
        Ok = 0,

        /// <summary>A transmission is still in progress; try again after it ends.</summary>
        Busy = 1,

        /// <summary>The packet is empty or longer than the radio's maximum.</summary>
        InvalidLength = 2,

        /// <summary>The driver was not initialised, or its chip was not found.</summary>
        NotReady = 3,

        /// <summary>The chip did not reach the expected state before the deadline (counted by the driver).</summary>
        Timeout = 4,

        /// <summary>The chip's FIFO could not take the packet.</summary>
        FifoFull = 5,
    }
}
