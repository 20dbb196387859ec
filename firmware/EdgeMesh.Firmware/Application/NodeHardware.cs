using EdgeMesh.Firmware.Motion;
using EdgeMesh.Firmware.Supervision;
using EdgeMesh.Hardware;
using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>
    /// The parts the application drives, already opened on the board: the initialised radio driver,
    /// the battery monitor's I2C device, the two motor outputs and the reset line. The device program
    /// builds it from the nanoFramework adapters; the host build from simulated chips.
    /// </summary>
    public sealed class NodeHardware
    {
        /// <summary>Bundles the parts.</summary>
        public NodeHardware(IPacketRadio radio, II2cDevice batteryMonitor, IMotorChannel leftMotor, IMotorChannel rightMotor, IResetControl reset)
        {
            if (radio == null || batteryMonitor == null || leftMotor == null || rightMotor == null || reset == null)
            {
                throw new System.ArgumentNullException(nameof(radio), "every part of the node's hardware is required");
            }

            Radio = radio;
            BatteryMonitor = batteryMonitor;
            LeftMotor = leftMotor;
            RightMotor = rightMotor;
            Reset = reset;
        }

        /// <summary>The radio driver (SX1276 or nRF24L01+), initialised with the provisioned settings.</summary>
        public IPacketRadio Radio { get; }

        /// <summary>The INA219-class battery monitor.</summary>
        public II2cDevice BatteryMonitor { get; }

        /// <summary>Left wheel.</summary>
        public IMotorChannel LeftMotor { get; }

        /// <summary>Right wheel.</summary>
        public IMotorChannel RightMotor { get; }

        /// <summary>Board reset, used by the watchdog.</summary>
        public IResetControl Reset { get; }
    }
}
