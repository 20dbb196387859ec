namespace EdgeMesh.Hardware
{
    /// <summary>
    /// Receives edge interrupts from an <see cref="IGpioPin"/>. An interface rather than a delegate so
    /// the callback carries no closure and the same code runs on nanoFramework. The call may come from
    /// an interrupt or event thread: keep it short (set a flag, wake the radio loop) and do the SPI work
    /// on the driver's own thread.
    /// </summary>
    public interface IPinEdgeListener
    {
        /// <summary>The pin changed: <paramref name="edge"/> is <see cref="PinEdge.Rising"/> or <see cref="PinEdge.Falling"/>.</summary>
        void OnPinEdge(int pinNumber, PinEdge edge, long timestampMicroseconds);
    }
}
