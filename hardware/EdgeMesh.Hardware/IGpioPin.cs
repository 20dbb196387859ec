namespace EdgeMesh.Hardware
{
    /// <summary>
    /// One GPIO line, already opened on its controller. Levels are logical: true is high.
    /// </summary>
    public interface IGpioPin
    {
        /// <summary>The line's number on its controller (board pin tables use the same numbering).</summary>
        int PinNumber { get; }

        /// <summary>Switches the line between input (with optional pull) and output.</summary>
        void SetMode(PinMode mode);

        /// <summary>Current level of the line.</summary>
        bool Read();

        /// <summary>Drives an output line high (true) or low (false).</summary>
        void Write(bool high);

        /// <summary>
        /// Registers the one listener for edges of this input (null, or <see cref="PinEdge.None"/>,
        /// removes it). A second call replaces the first.
        /// </summary>
        void SetEdgeListener(IPinEdgeListener? listener, PinEdge edges);
    }
}
