using System;
using System.Collections.Generic;
using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Boards;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>
    /// N simulated microcontroller nodes running the firmware on one simulated radio segment, on a
    /// line away from a <see cref="SegmentProbe"/> at the origin (where a gateway would stand), plus
    /// optional nodes of another fleet. Time is simulated: the main loops run every
    /// <see cref="LoopPeriodMs"/> of simulated time, deterministic for a seed.
    /// </summary>
    public sealed class FirmwareFleet
    {
        /// <summary>Simulated time between main-loop passes, ms.</summary>
        public const int LoopPeriodMs = 5;

        /// <summary>Id of the probe.</summary>
        public const ulong ProbeId = 0x6761746577617931; // "gateway1"

        private readonly List<SimulatedBoard> _boards = new List<SimulatedBoard>();
        private readonly List<SimulatedBoard> _foreign = new List<SimulatedBoard>();

        /// <summary>Builds and boots the fleet.</summary>
        public FirmwareFleet(FirmwareFleetOptions options)
        {
            options.Validate();
            Options = options;
            Scheduler = new EventScheduler();
            Air = new SimulatedAir(Scheduler, options.Seed) { LossRate = options.Loss };
            var random = new Random(options.Seed);
            SegmentKey = RandomKey(random);
            byte[] foreignKey = RandomKey(random);
            BoardProfile board = BoardCatalog.Find(options.Board)!;
            RadioSettings radio = board.Radio == EdgeMesh.Hardware.Radio.RadioChip.Sx1276 ? RadioSettings.DefaultSx1276() : RadioSettings.DefaultNrf24();
            RangeMetres = RadioRangeMetres(radio, Air);
            Spacing = options.SpacingMetres > 0 ? options.SpacingMetres : 0.45 * RangeMetres;
            Probe = new SegmentProbe(Air, Scheduler, ProbeId, SegmentKey, radio, 0, 0);
            for (int i = 0; i < options.Nodes; i++)
            {
                ulong id = NodeIdFor(options.Seed, i);
                _boards.Add(new SimulatedBoard(Air, Scheduler, Record(id, SegmentKey, board, radio, options), board.Radio, Spacing * (i + 1), 0));
            }

            for (int i = 0; i < options.ForeignNodes; i++)
            {
                ulong id = NodeIdFor(options.Seed + 7919, i);
                _foreign.Add(new SimulatedBoard(Air, Scheduler, Record(id, foreignKey, board, radio, options), board.Radio, Spacing * (i + 0.5), Spacing * 0.1));
            }

            foreach (SimulatedBoard b in AllBoards())
            {
                if (!b.Boot())
                {
                    throw new InvalidOperationException("a simulated board did not boot: " + b.LastBootError + " / " + b.LastRadioResult);
                }
            }
        }

        /// <summary>The options the fleet was built with.</summary>
        public FirmwareFleetOptions Options { get; }

        /// <summary>Simulated time.</summary>
        public EventScheduler Scheduler { get; }

        /// <summary>The simulated air.</summary>
        public SimulatedAir Air { get; }

        /// <summary>The segment key every (own) node was provisioned with.</summary>
        public byte[] SegmentKey { get; }

        /// <summary>Distance at which a packet is still demodulated with the default settings, metres.</summary>
        public double RangeMetres { get; }

        /// <summary>Distance between neighbouring nodes, metres.</summary>
        public double Spacing { get; }

        /// <summary>The listener at the origin.</summary>
        public SegmentProbe Probe { get; }

        /// <summary>The segment's nodes, nearest to the probe first.</summary>
        public IReadOnlyList<SimulatedBoard> Boards
        {
            get { return _boards; }
        }

        /// <summary>The other fleet's nodes.</summary>
        public IReadOnlyList<SimulatedBoard> ForeignBoards
        {
            get { return _foreign; }
        }

        /// <summary>Current simulated time, ms.</summary>
        public long NowMs
        {
            get { return Scheduler.NowMicroseconds / 1000; }
        }

        /// <summary>The id of node <paramref name="index"/> for a seed (deterministic, never 0).</summary>
        public static ulong NodeIdFor(int seed, int index)
        {
            ulong x = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + ((ulong)(index + 1) * 0xBF58476D1CE4E5B9UL);
            x ^= x >> 31;
            return x == 0 ? 1 : x;
        }

        /// <summary>
        /// The chip model's range for <paramref name="radio"/>: where received power meets its
        /// sensitivity. SX1276: noise −174 dBm/Hz + bandwidth + 6 dB noise figure, plus the SNR floor of
        /// the spreading factor. nRF24L01+: −94/−85/−82 dBm at 250 k/1 M/2 Mbit/s on channel 2400 + n MHz.
        /// </summary>
        public static double RadioRangeMetres(RadioSettings radio, SimulatedAir air)
        {
            double sensitivity;
            long frequencyHz;
            if (radio.Chip == EdgeMesh.Hardware.Radio.RadioChip.Sx1276)
            {
                double noise = -174 + (10 * Math.Log10(LoRaTimeOnAir.BandwidthHz(Sx1276Setup.ToLoRaSettings(radio).Bandwidth))) + 6;
                sensitivity = noise - 7.5 - (2.5 * (radio.SpreadingFactor - 7));
                frequencyHz = radio.FrequencyHz;
            }
            else
            {
                sensitivity = radio.DataRateCode == 0 ? -94 : (radio.DataRateCode == 2 ? -82 : -85);
                frequencyHz = (2400L + radio.RfChannel) * 1000000L;
            }

            double atOneMetre = air.ReceivedPowerDbm(radio.TxPowerDbm, frequencyHz, 1);
            return Math.Pow(10, (atOneMetre - sensitivity) / (10 * air.PathLossExponent));
        }

        /// <summary>Runs the fleet for <paramref name="durationMs"/> of simulated time.</summary>
        public void RunFor(long durationMs)
        {
            long end = NowMs + durationMs;
            for (long t = NowMs + LoopPeriodMs; t <= end; t += LoopPeriodMs)
            {
                Scheduler.RunUntil(t * 1000);
                foreach (SimulatedBoard b in AllBoards())
                {
                    b.Tick(t);
                    b.Supervise(t);
                }

                Probe.Tick(t);
            }
        }

        private IEnumerable<SimulatedBoard> AllBoards()
        {
            foreach (SimulatedBoard b in _boards)
            {
                yield return b;
            }

            foreach (SimulatedBoard b in _foreign)
            {
                yield return b;
            }
        }

        private static byte[] RandomKey(Random random)
        {
            byte[] key = new byte[NodeProvisioning.SegmentKeyLength];
            random.NextBytes(key);
            key[0] |= 1;
            return key;
        }

        private static byte[] Record(ulong id, byte[] key, BoardProfile board, RadioSettings radio, FirmwareFleetOptions options)
        {
            var provisioning = new NodeProvisioning
            {
                NodeId = id,
                BoardName = board.Name,
                Radio = radio,
                HeartbeatIntervalSeconds = options.HeartbeatSeconds,
                TelemetryIntervalSeconds = options.TelemetrySeconds,
                CommandTimeoutMs = options.CommandTimeoutMs,
            };
            Array.Copy(key, provisioning.SegmentKey, key.Length);
            byte[] record = new byte[ProvisioningCodec.Length];
            ProvisioningError error = ProvisioningCodec.Encode(provisioning, record, 0, record.Length, out _);
            if (error != ProvisioningError.None)
            {
                throw new ArgumentException("provisioning does not encode: " + error);
            }

            return record;
        }
    }
}
