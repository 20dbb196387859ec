using EdgeMesh.Hardware;

namespace EdgeMesh.Firmware.Motion
{
    /// <summary>
    /// A motor driver with an enable and a direction input (an H-bridge such as the DRV8833 in
    /// EN/PH mode) on two GPIO lines: any non-zero duty runs the motor at full speed in its
    /// direction. The HAL has no PWM; boards with a PWM-capable enable pin use the device's PWM
    /// adapter for proportional speed instead.
    /// </summary>
    public sealed class GpioMotorChannel : IMotorChannel
    {
        private readonly IGpioPin _enable;
        private readonly IGpioPin _direction;

        /// <summary>Configures both lines as outputs, motor stopped.</summary>
        public GpioMotorChannel(IGpioPin enable, IGpioPin direction)
        {
            if (enable == null || direction == null)
            {
                throw new System.ArgumentNullException(enable == null ? nameof(enable) : nameof(direction));
            }

            _enable = enable;
            _direction = direction;
            _enable.SetMode(PinMode.Output);
            _direction.SetMode(PinMode.Output);
            _enable.Write(false);
            _direction.Write(false);
        }

        /// <inheritdoc />
        public int Duty { get; private set; }

        /// <inheritdoc />
        public void SetDuty(int dutyPerMille)
        {
            // Enable goes low before the direction changes, so the bridge never shoots through.
            _enable.Write(false);
            if (dutyPerMille != 0)
            {
                _direction.Write(dutyPerMille > 0);
                _enable.Write(true);
            }

            Duty = dutyPerMille;
        }
    }
}
