namespace EdgeMesh.Hardware.Simulation.Air
{
    /// <summary>One packet on the simulated air, from the first preamble symbol to the last CRC bit.</summary>
    public sealed class AirTransmission
    {
        internal AirTransmission(IAirTransceiver sender, long channelKey, long frequencyHz, double powerDbm, byte[] bytes, long startUs, long endUs)
        {
            Sender = sender;
            ChannelKey = channelKey;
            FrequencyHz = frequencyHz;
            PowerDbm = powerDbm;
            Bytes = bytes;
            StartUs = startUs;
            EndUs = endUs;
        }

        /// <summary>The chip that sent it.</summary>
        public IAirTransceiver Sender { get; }

        /// <summary>Carrier and modulation key (see <see cref="IAirTransceiver.IsListening"/>).</summary>
        public long ChannelKey { get; }

        /// <summary>Carrier, Hz (path loss depends on it).</summary>
        public long FrequencyHz { get; }

        /// <summary>Radiated power, dBm.</summary>
        public double PowerDbm { get; }

        /// <summary>What the chip family puts on the air (payload plus whatever the receiver model needs).</summary>
        public byte[] Bytes { get; }

        /// <summary>Start, simulated µs.</summary>
        public long StartUs { get; }

        /// <summary>End, simulated µs.</summary>
        public long EndUs { get; }
    }
}
