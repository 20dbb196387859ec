namespace EdgeMesh.Firmware.Supervision
{
    /// <summary>Restarts the board (the device's reboot call; the host build restarts the simulated node).</summary>
    public interface IResetControl
    {
        /// <summary>Resets now. On the device this does not return.</summary>
        void Reset();
    }
}
