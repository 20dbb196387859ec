using System;
using System.Collections.Generic;

namespace EdgeMesh.Hardware.Simulation.Air
{
    /// <summary>
    /// The medium between simulated chips. A chip model starts a transmission with its own airtime
    /// (computed from its registers); every chip listening on the same channel key when it starts
    /// begins receiving it. When it ends, a receiver gets it unless it transmitted meanwhile (half
    /// duplex), stopped listening, or another transmission on its channel overlapped it at that receiver
    /// (a collision; the stronger one survives if it is at least <see cref="CaptureThresholdDb"/> above
    /// the other, the LoRa capture effect), or the seeded loss draw drops it. Received power follows a
    /// log-distance path loss from the sender's power and carrier; the chip model turns it into RSSI/SNR
    /// and applies its sensitivity. Seeded and single-threaded: the same seed replays the same run.
    /// </summary>
    public sealed class SimulatedAir
    {
        private readonly List<IAirTransceiver> _radios = new List<IAirTransceiver>();
        private readonly List<Reception> _receptions = new List<Reception>();
        private readonly Dictionary<(IAirTransceiver, IAirTransceiver), double> _linkLoss = new Dictionary<(IAirTransceiver, IAirTransceiver), double>();
        private readonly Random _random;

        /// <summary>Creates an empty medium on <paramref name="scheduler"/>'s time.</summary>
        public SimulatedAir(EventScheduler scheduler, int seed)
        {
            Scheduler = scheduler;
            _random = new Random(seed);
        }

        /// <summary>Simulated time shared by the air, the chips and their drivers.</summary>
        public EventScheduler Scheduler { get; }

        /// <summary>Probability that any reception is lost (0..1).</summary>
        public double LossRate { get; set; }

        /// <summary>Probability that a reception arrives with bit errors (the CRC catches them).</summary>
        public double CorruptionRate { get; set; }

        /// <summary>Path-loss exponent beyond 1 m (2 in free space, 2.7–3.5 near the ground).</summary>
        public double PathLossExponent { get; set; } = 2.7;

        /// <summary>How much stronger a packet must be to survive a collision, dB.</summary>
        public double CaptureThresholdDb { get; set; } = 6;

        /// <summary>Transmissions started.</summary>
        public long Transmissions { get; private set; }

        /// <summary>Receptions handed to a chip.</summary>
        public long Deliveries { get; private set; }

        /// <summary>Receptions destroyed by an overlapping transmission.</summary>
        public long Collisions { get; private set; }

        /// <summary>Receptions missed because the receiver transmitted during them.</summary>
        public long HalfDuplexMisses { get; private set; }

        /// <summary>Receptions dropped by the loss rate or a link's loss.</summary>
        public long Losses { get; private set; }

        /// <summary>Adds a chip to the medium.</summary>
        public void Attach(IAirTransceiver radio)
        {
            _radios.Add(radio);
        }

        /// <summary>Loss probability for packets from <paramref name="from"/> to <paramref name="to"/> only (overrides <see cref="LossRate"/>).</summary>
        public void SetLinkLoss(IAirTransceiver from, IAirTransceiver to, double probability)
        {
            _linkLoss[(from, to)] = probability;
        }

        /// <summary>Received power at <paramref name="distanceMetres"/>: free-space loss to 1 m, then the exponent.</summary>
        public double ReceivedPowerDbm(double powerDbm, long frequencyHz, double distanceMetres)
        {
            double d = Math.Max(distanceMetres, 1);
            double oneMetreLoss = (20 * Math.Log10(frequencyHz / 1e6)) - 27.55;
            return powerDbm - oneMetreLoss - (10 * PathLossExponent * Math.Log10(d));
        }

        /// <summary>Puts a transmission on the air for <paramref name="durationUs"/>; the sender's <see cref="IAirTransceiver.OnTransmitEnd"/> follows.</summary>
        public AirTransmission Transmit(IAirTransceiver sender, long channelKey, long frequencyHz, double powerDbm, byte[] bytes, long durationUs)
        {
            long now = Scheduler.NowMicroseconds;
            var tx = new AirTransmission(sender, channelKey, frequencyHz, powerDbm, bytes, now, now + Math.Max(1, durationUs));
            Transmissions++;

            // Half duplex: whatever the sender was receiving is lost.
            foreach (Reception r in _receptions)
            {
                if (r.Receiver == sender && !r.Missed)
                {
                    r.Missed = true;
                }
            }

            foreach (IAirTransceiver radio in _radios)
            {
                if (radio == sender || !radio.IsListening(channelKey))
                {
                    continue;
                }

                var reception = new Reception(tx, radio, ReceivedPowerDbm(powerDbm, frequencyHz, Distance(sender, radio)));
                foreach (Reception other in _receptions)
                {
                    if (other.Receiver == radio && other.Transmission.ChannelKey == channelKey)
                    {
                        Collide(reception, other);
                    }
                }

                _receptions.Add(reception);
            }

            Scheduler.At(tx.EndUs, () => End(tx));
            return tx;
        }

        private static double Distance(IAirTransceiver a, IAirTransceiver b)
        {
            double dx = a.X - b.X;
            double dy = a.Y - b.Y;
            return Math.Sqrt((dx * dx) + (dy * dy));
        }

        private void Collide(Reception a, Reception b)
        {
            if (a.RssiDbm - b.RssiDbm < CaptureThresholdDb)
            {
                a.Collided = true;
            }

            if (b.RssiDbm - a.RssiDbm < CaptureThresholdDb)
            {
                b.Collided = true;
            }
        }

        private void End(AirTransmission tx)
        {
            tx.Sender.OnTransmitEnd(tx);
            for (int i = 0; i < _receptions.Count; i++)
            {
                Reception r = _receptions[i];
                if (r.Transmission != tx)
                {
                    continue;
                }

                _receptions.RemoveAt(i);
                i--;
                if (r.Missed)
                {
                    HalfDuplexMisses++;
                    continue;
                }

                if (r.Collided)
                {
                    Collisions++;
                    continue;
                }

                if (!r.Receiver.IsListening(tx.ChannelKey))
                {
                    continue;
                }

                double loss = _linkLoss.TryGetValue((tx.Sender, r.Receiver), out double link) ? link : LossRate;
                if (loss > 0 && _random.NextDouble() < loss)
                {
                    Losses++;
                    continue;
                }

                bool corrupted = CorruptionRate > 0 && _random.NextDouble() < CorruptionRate;
                Deliveries++;
                r.Receiver.OnReceive(tx, r.RssiDbm, corrupted);
            }
        }

        private sealed class Reception
        {
            internal Reception(AirTransmission transmission, IAirTransceiver receiver, double rssiDbm)
            {
                Transmission = transmission;
                Receiver = receiver;
                RssiDbm = rssiDbm;
            }

            internal AirTransmission Transmission { get; }

            internal IAirTransceiver Receiver { get; }

            internal double RssiDbm { get; }

            internal bool Missed { get; set; }

            internal bool Collided { get; set; }
        }
    }
}
