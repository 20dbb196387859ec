namespace EdgeMesh.Hardware.Simulation.Air
{
    /// <summary>What the simulated air needs from a chip model.</summary>
    public interface IAirTransceiver
    {
        /// <summary>Position on the plane, metres.</summary>
        double X { get; }

        /// <summary>Position on the plane, metres.</summary>
        double Y { get; }

        /// <summary>
        /// True while the chip's receiver is on and tuned to <paramref name="channelKey"/> (carrier and
        /// modulation settings folded into one number by the chip family; different keys never hear
        /// each other).
        /// </summary>
        bool IsListening(long channelKey);

        /// <summary>A transmission the chip started has left the antenna.</summary>
        void OnTransmitEnd(AirTransmission transmission);

        /// <summary>
        /// A transmission reached this chip intact at <paramref name="rssiDbm"/>; the model decides whether
        /// it can demodulate it (sensitivity, addresses) and what lands in its FIFO.
        /// <paramref name="corrupted"/> marks bit errors the CRC will catch.
        /// </summary>
        void OnReceive(AirTransmission transmission, double rssiDbm, bool corrupted);
    }
}
