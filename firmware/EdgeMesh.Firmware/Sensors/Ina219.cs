using EdgeMesh.Hardware;

namespace EdgeMesh.Firmware.Sensors
{
    /// <summary>
    /// Driver for a TI INA219-class current/voltage monitor over the I2C HAL (INA219 datasheet
    /// SBOS448, §8.6 register map). Reads the bus voltage register (LSB 4 mV, bits 15..3) and the
    /// shunt voltage register (LSB 10 µV, signed) and derives the current from the board's shunt,
    /// so no calibration register is needed. Fixed 3-byte buffers; an I2C NACK is a counted failed
    /// reading, never an exception.
    /// </summary>
    public sealed class Ina219
    {
        /// <summary>Configuration register (§8.6.2.1).</summary>
        internal const byte RegisterConfiguration = 0x00;

        /// <summary>Shunt voltage register (§8.6.3.1).</summary>
        internal const byte RegisterShuntVoltage = 0x01;

        /// <summary>Bus voltage register (§8.6.3.2).</summary>
        internal const byte RegisterBusVoltage = 0x02;

        /// <summary>
        /// 32 V bus range, PGA ÷8 (±320 mV shunt), 12-bit bus and shunt ADC, shunt and bus continuous:
        /// the power-on default (§8.6.2.1), written explicitly so a monitor left misconfigured by a
        /// previous image is reset.
        /// </summary>
        internal const ushort ConfigurationValue = 0x399F;

        /// <summary>Bus voltage register: math overflow flag (bit 0).</summary>
        internal const int BusOverflowBit = 0x0001;

        private readonly II2cDevice _device;
        private readonly int _shuntMilliohms;
        private readonly byte[] _write = new byte[3];
        private readonly byte[] _read = new byte[2];

        /// <summary>Binds the driver to the monitor at its address with the board's shunt resistor.</summary>
        public Ina219(II2cDevice device, int shuntMilliohms)
        {
            if (device == null)
            {
                throw new System.ArgumentNullException(nameof(device));
            }

            if (shuntMilliohms < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(shuntMilliohms));
            }

            _device = device;
            _shuntMilliohms = shuntMilliohms;
        }

        /// <summary>True once <see cref="Initialize"/> found the monitor.</summary>
        public bool IsPresent { get; private set; }

        /// <summary>Readings that failed on the bus (NACK, bus error) or overflowed.</summary>
        public long Failures { get; private set; }

        /// <summary>Readings returned.</summary>
        public long Readings { get; private set; }

        /// <summary>Writes the configuration and reads it back; false when the monitor does not answer as an INA219.</summary>
        public bool Initialize()
        {
            _write[0] = RegisterConfiguration;
            _write[1] = (byte)(ConfigurationValue >> 8);
            _write[2] = (byte)(ConfigurationValue & 0xFF);
            IsPresent = _device.Write(_write, 0, 3) && ReadRegister(RegisterConfiguration, out int config) && config == ConfigurationValue;
            if (!IsPresent)
            {
                Failures++;
            }

            return IsPresent;
        }

        /// <summary>Reads voltage and current; false (counted) when the bus fails or the ADC overflowed.</summary>
        public bool TryRead(out BatteryReading reading)
        {
            reading = new BatteryReading(0, 0);
            if (!ReadRegister(RegisterBusVoltage, out int bus) || (bus & BusOverflowBit) != 0
                || !ReadRegister(RegisterShuntVoltage, out int shuntRaw))
            {
                Failures++;
                return false;
            }

            int busMillivolts = (bus >> 3) * 4;
            int shuntMicrovolts = (short)shuntRaw * 10;
            reading = new BatteryReading(busMillivolts, shuntMicrovolts / _shuntMilliohms); // µV / mΩ = mA
            Readings++;
            return true;
        }

        private bool ReadRegister(byte register, out int value)
        {
            value = 0;
            _write[0] = register;
            if (!_device.WriteRead(_write, 0, 1, _read, 0, 2))
            {
                return false;
            }

            value = (_read[0] << 8) | _read[1];
            return true;
        }
    }
}
