using System;
using System.IO;
using System.IO.Ports;

namespace EdgeMesh.Hardware.Linux
{
    /// <summary><see cref="ISerialPort"/> over System.IO.Ports: raw 8N1, no handshake; reads take only what has arrived.</summary>
    public sealed class LinuxSerialPort : ISerialPort, IDisposable
    {
        private readonly SerialPort _port;

        private LinuxSerialPort(SerialPort port)
        {
            _port = port;
        }

        /// <summary>Opens <paramref name="path"/> (a tty or pseudo-terminal) at <paramref name="baud"/>.</summary>
        public static LinuxSerialPort Open(string path, int baud)
        {
            if (!File.Exists(path))
            {
                throw new HardwareOpenException(path, "no such port. USB adapters appear as /dev/ttyUSB* or /dev/ttyACM*; the Raspberry Pi header UART is /dev/serial0 (enable_uart=1), the Jetson header UART /dev/ttyTHS1.", null);
            }

            var port = new SerialPort(path, baud, Parity.None, 8, StopBits.One) { Handshake = Handshake.None, ReadTimeout = 1, WriteTimeout = 1000 };
            try
            {
                port.Open();
            }
            catch (UnauthorizedAccessException e)
            {
                port.Dispose();
                throw new HardwareOpenException(path, "permission denied or in use. Add the user to the 'dialout' group; stop a serial console (getty) on it.", e);
            }
            catch (IOException e)
            {
                port.Dispose();
                throw new HardwareOpenException(path, "open failed (" + e.Message + ").", e);
            }

            return new LinuxSerialPort(port);
        }

        /// <inheritdoc />
        public int BytesToRead
        {
            get { return _port.BytesToRead; }
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available == 0 || count == 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, Math.Min(available, count));
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _port.Dispose();
        }
    }
}
