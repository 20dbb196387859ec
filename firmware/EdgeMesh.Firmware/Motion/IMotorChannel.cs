namespace EdgeMesh.Firmware.Motion
{
    /// <summary>
    /// One motor output: a signed duty in per mille (−1000 full reverse .. 1000 full forward, 0 stop).
    /// Implemented over GPIO (<see cref="GpioMotorChannel"/>), over a PWM channel on the device, and
    /// by the host build's recording double.
    /// </summary>
    public interface IMotorChannel
    {
        /// <summary>The duty last set.</summary>
        int Duty { get; }

        /// <summary>Drives the motor; values outside ±1000 are clamped by the caller.</summary>
        void SetDuty(int dutyPerMille);
    }
}
