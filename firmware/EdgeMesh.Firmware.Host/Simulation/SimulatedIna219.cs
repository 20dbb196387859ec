using EdgeMesh.Hardware;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>
    /// Register model of an INA219 on the I2C HAL (datasheet SBOS448 §8.5–8.6): a register pointer
    /// set by the first written byte, 16-bit big-endian registers, configuration and calibration
    /// writable, shunt and bus voltage computed from the simulated battery. <see cref="Responding"/>
    /// false makes every transfer a NACK, as an unplugged sensor would.
    /// </summary>
    public sealed class SimulatedIna219 : II2cDevice
    {
        private const int ConversionReady = 0x0002;
        private readonly int _shuntMilliohms;
        private int _pointer;
        private int _configuration = 0x399F;
        private int _calibration;

        /// <summary>A monitor at <paramref name="address"/> measuring over a shunt of <paramref name="shuntMilliohms"/>.</summary>
        public SimulatedIna219(int address, int shuntMilliohms, int batteryMillivolts)
        {
            Address = address;
            _shuntMilliohms = shuntMilliohms;
            BatteryMillivolts = batteryMillivolts;
        }

        /// <inheritdoc />
        public int Address { get; }

        /// <summary>Battery voltage the monitor measures, mV.</summary>
        public int BatteryMillivolts { get; set; }

        /// <summary>Current through the shunt, mA.</summary>
        public int CurrentMilliamps { get; set; }

        /// <summary>False: the monitor NACKs everything.</summary>
        public bool Responding { get; set; } = true;

        /// <summary>Transfers answered.</summary>
        public long Transfers { get; private set; }

        /// <inheritdoc />
        public bool Write(byte[] buffer, int offset, int count)
        {
            if (!Responding || count < 1)
            {
                return false;
            }

            Transfers++;
            _pointer = buffer[offset];
            if (count >= 3)
            {
                int value = (buffer[offset + 1] << 8) | buffer[offset + 2];
                if (_pointer == 0x00)
                {
                    _configuration = (value & 0x8000) != 0 ? 0x399F : value; // RST bit: back to defaults
                }
                else if (_pointer == 0x05)
                {
                    _calibration = value & 0xFFFE;
                }
            }

            return true;
        }

        /// <inheritdoc />
        public bool Read(byte[] buffer, int offset, int count)
        {
            if (!Responding)
            {
                return false;
            }

            Transfers++;
            int value = RegisterValue(_pointer);
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = (byte)(i == 0 ? value >> 8 : (i == 1 ? value : 0));
            }

            return true;
        }

        /// <inheritdoc />
        public bool WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
        {
            return Write(write, writeOffset, writeCount) && Read(read, readOffset, readCount);
        }

        private int RegisterValue(int register)
        {
            switch (register)
            {
                case 0x00:
                    return _configuration;
                case 0x01:
                    return (short)(CurrentMilliamps * _shuntMilliohms / 10) & 0xFFFF; // LSB 10 µV
                case 0x02:
                    return ((BatteryMillivolts / 4) << 3) | ConversionReady; // LSB 4 mV in bits 15..3
                case 0x05:
                    return _calibration;
                default:
                    return 0;
            }
        }
    }
}
