using System;

namespace EdgeMesh.Hardware.Linux
{
    /// <summary>A device could not be opened; the message names the device and the likely cause.</summary>
    public sealed class HardwareOpenException : Exception
    {
        /// <summary>Creates the exception for <paramref name="device"/>.</summary>
        public HardwareOpenException(string device, string message, Exception? inner)
            : base(device + ": " + message, inner)
        {
            Device = device;
        }

        /// <summary>Creates an exception without a device (serialisation and analyzers want it).</summary>
        public HardwareOpenException()
            : base("hardware device could not be opened")
        {
            Device = "";
        }

        /// <summary>Creates an exception with a message only.</summary>
        public HardwareOpenException(string message)
            : base(message)
        {
            Device = "";
        }

        /// <summary>Creates an exception with a message and its cause.</summary>
        public HardwareOpenException(string message, Exception innerException)
            : base(message, innerException)
        {
            Device = "";
        }

        /// <summary>The device path or name, e.g. /dev/spidev0.0.</summary>
        public string Device { get; }
    }
}
