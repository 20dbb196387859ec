using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Sx127x;
using EdgeMesh.Hardware.Sx127x;
using EdgeMesh.Hardware.Tests.Support;

namespace EdgeMesh.Hardware.Tests.Sx127x
{
    /// <summary>The real SX127x driver against the register-level SX1276 model.</summary>
    public sealed class Sx127xDriverTests
    {
        private static readonly byte[] Hello = "hello, mesh"u8.ToArray();

        [Fact]
        public void Probe_identifies_the_SX1276_and_names_other_chips()
        {
            var scheduler = new EventScheduler();
            var air = new SimulatedAir(scheduler, 1);
            var chip = new Sx1276Model(air, 0, 0);
            var driver = new Sx127xDriver(chip, chip.Reset, scheduler);

            Assert.True(driver.Probe());
            Assert.Equal(0x12, driver.ChipVersion);
            // The reset pulse and the 5 ms wait ran on the injected clock.
            Assert.True(scheduler.NowMicroseconds >= 5100);

            chip.Version = 0x22;
            Assert.False(driver.Probe());
            Assert.Contains("SX1272", Sx127xVersion.Describe(driver.ChipVersion), StringComparison.Ordinal);
            Assert.Equal(RadioResult.NotReady, driver.Configure(new LoRaSettings()));

            chip.Version = 0x00;
            Assert.False(driver.Probe());
            Assert.Contains("no answer", Sx127xVersion.Describe(driver.ChipVersion), StringComparison.Ordinal);
        }

        [Fact]
        public void Configure_writes_the_documented_register_values()
        {
            var bench = new LoRaBench();
            bench.Add(0, new LoRaSettings { FrequencyHz = 868100000, OutputPowerDbm = 14, SyncWord = 0x2B, PreambleLength = 16 });
            Sx1276Model chip = bench.Chips[0];

            Assert.True(chip.LoRa);
            Assert.Equal(1, chip.Mode);
            Assert.Equal(0xD9, chip.Register(0x06));
            Assert.Equal(0x06, chip.Register(0x07));
            Assert.Equal(0x66, chip.Register(0x08));
            Assert.Equal(868099975, chip.FrequencyHz); // one 61 Hz step below: Frf truncates
            Assert.Equal(0x72, chip.Register(0x1D)); // 125 kHz, 4/5, explicit header
            Assert.Equal(0x74, chip.Register(0x1E)); // SF7, CRC on
            Assert.Equal(0x04, chip.Register(0x26)); // AGC on, no LDRO at SF7
            Assert.Equal(0x2B, chip.Register(0x39));
            Assert.Equal(16, chip.Register(0x21));
            Assert.Equal(0xFC, chip.Register(0x09)); // PA_BOOST, OutputPower 12 → 14 dBm
            Assert.Equal(14, chip.OutputPowerDbm);
            Assert.Equal(0x00, chip.Register(0x0E));
            Assert.Equal(0x00, chip.Register(0x0F));
        }

        [Theory]
        [InlineData(20, true, 20, 0x87)]
        [InlineData(17, true, 17, 0x84)]
        [InlineData(2, true, 2, 0x84)]
        [InlineData(10, false, 10, 0x84)]
        public void Output_power_maps_to_pa_registers(int dbm, bool boost, double expected, int paDac)
        {
            var bench = new LoRaBench();
            bench.Add(0, new LoRaSettings { OutputPowerDbm = dbm, UsePaBoost = boost });

            Assert.Equal(expected, bench.Chips[0].OutputPowerDbm, 1);
            Assert.Equal(paDac, bench.Chips[0].Register(0x4D));
        }

        [Fact]
        public void Low_frequency_band_and_ldro_are_set_for_sf12_at_433_mhz()
        {
            var bench = new LoRaBench();
            bench.Add(0, new LoRaSettings { FrequencyHz = 433175000, SpreadingFactor = 12 });

            Assert.Equal(0x88 | 0x01, bench.Chips[0].Register(0x01)); // LoRa, LF bank, standby
            Assert.Equal(0x0C, bench.Chips[0].Register(0x26)); // LDRO + AGC
        }

        [Fact]
        public void Invalid_settings_are_refused_without_touching_the_chip()
        {
            var bench = new LoRaBench();
            bench.Add(0);
            Sx127xDriver driver = bench.Drivers[0];

            Assert.Equal(LoRaSettingsError.Sf6NeedsImplicitHeader, new LoRaSettings { SpreadingFactor = 6 }.Validate());
            Assert.Equal(LoRaSettingsError.Frequency, new LoRaSettings { FrequencyHz = 2400000000 }.Validate());
            Assert.Equal(LoRaSettingsError.OutputPower, new LoRaSettings { OutputPowerDbm = 21 }.Validate());
            Assert.Equal(RadioResult.NotReady, driver.Configure(new LoRaSettings { SpreadingFactor = 13 }));
            Assert.Equal(0x74, bench.Chips[0].Register(0x1E));
        }

        [Fact]
        public void A_packet_crosses_the_air_between_two_chips_with_rssi_and_snr()
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(0);
            Sx127xDriver b = bench.Add(500);
            Assert.Equal(RadioResult.Ok, b.StartReceive());
            Assert.Equal(RadioResult.Ok, a.StartReceive());

            long start = bench.Scheduler.NowMicroseconds;
            Assert.Equal(RadioResult.Ok, a.Send(Hello, 0, Hello.Length));
            Assert.True(a.IsTransmitting);
            Assert.Equal(RadioResult.Busy, a.Send(Hello, 0, Hello.Length));
            List<(int Driver, RadioEvent Event)> events = bench.Run(start + 200000);

            Assert.Contains((0, RadioEvent.TransmitDone), events);
            Assert.Contains((1, RadioEvent.PacketReceived), events);
            var buffer = new byte[255];
            int n = b.ReadPacket(buffer, 0, buffer.Length);
            Assert.Equal(Hello, buffer.AsSpan(0, n).ToArray());
            Assert.Equal(0, b.ReadPacket(buffer, 0, buffer.Length));
            // 500 m at 14 dBm: 31.2 dB to 1 m, then 27 dB per decade → about -90 dBm; the SNR (+27 dB over a
            // -117 dBm noise floor) reads as the chip's saturated +12 dB.
            Assert.InRange(b.LastRssiDbm, -95, -85);
            Assert.Equal(4 * 12, b.LastSnrQuarterDb);
            Assert.Equal(1, a.Counters.PacketsSent);
            Assert.Equal(1, b.Counters.PacketsReceived);
            Assert.Equal(1, a.Counters.BusyRejections);
            // The sender went back to receive by itself after TxDone.
            Assert.Equal(5, bench.Chips[0].Mode);
            Assert.Equal(new LoRaSettings().TimeOnAirMicroseconds(Hello.Length), bench.Chips[0].TimeOnAirMicroseconds(Hello.Length));
        }

        [Fact]
        public void The_reception_ends_exactly_one_airtime_after_the_transmission_starts()
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(0);
            Sx127xDriver b = bench.Add(100);
            b.StartReceive();
            long start = bench.Scheduler.NowMicroseconds;
            a.Send(Hello, 0, Hello.Length);
            long airtime = a.TimeOnAirMicroseconds(Hello.Length);

            bench.Run(start + airtime - 1);
            Assert.Equal(0, b.Counters.PacketsReceived);
            bench.Run(start + airtime);
            Assert.Equal(1, b.Counters.PacketsReceived);
        }

        [Fact]
        public void Crc_errors_are_dropped_and_counted()
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(0);
            Sx127xDriver b = bench.Add(100);
            b.StartReceive();
            bench.Air.CorruptionRate = 1;

            a.Send(Hello, 0, Hello.Length);
            List<(int Driver, RadioEvent Event)> events = bench.Run(1000000);

            Assert.Contains((1, RadioEvent.CrcError), events);
            Assert.Equal(1, b.Counters.CrcErrors);
            Assert.Equal(0, b.Counters.PacketsReceived);
            Assert.Equal(0, b.ReadPacket(new byte[255], 0, 255));
        }

        [Theory]
        [InlineData(8, 868100000, 0x12)]
        [InlineData(7, 868300000, 0x12)]
        [InlineData(7, 868100000, 0x34)]
        public void Mismatched_settings_hear_nothing(int receiverSf, long receiverHz, int receiverSync)
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(0);
            Sx127xDriver b = bench.Add(50, new LoRaSettings { SpreadingFactor = receiverSf, FrequencyHz = receiverHz, SyncWord = (byte)receiverSync });
            b.StartReceive();

            a.Send(Hello, 0, Hello.Length);
            bench.Run(2000000);

            Assert.Equal(1, a.Counters.PacketsSent);
            Assert.Equal(0, b.Counters.PacketsReceived);
            Assert.Equal(0, b.Counters.CrcErrors);
        }

        [Fact]
        public void Out_of_range_packets_fall_below_sensitivity_but_sf12_reaches_further()
        {
            var far = new LoRaBench();
            Sx127xDriver a = far.Add(0);
            Sx127xDriver b = far.Add(20000);
            b.StartReceive();
            a.Send(Hello, 0, Hello.Length);
            far.Run(1000000);
            Assert.Equal(0, b.Counters.PacketsReceived);
            Assert.Equal(1, far.Chips[1].BelowSensitivity);

            var slow = new LoRaBench();
            var sf12 = new LoRaSettings { SpreadingFactor = 12 };
            Sx127xDriver c = slow.Add(0, sf12);
            Sx127xDriver d = slow.Add(20000, sf12);
            d.StartReceive();
            c.Send(Hello, 0, Hello.Length);
            slow.Run(5000000);
            Assert.Equal(1, d.Counters.PacketsReceived);
            Assert.True(d.LastSnrQuarterDb < 0);
        }

        [Fact]
        public void Overlapping_transmissions_collide_and_half_duplex_hears_nothing_while_sending()
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(-100);
            Sx127xDriver b = bench.Add(0);
            Sx127xDriver c = bench.Add(100);
            a.StartReceive();
            b.StartReceive();
            c.StartReceive();

            a.Send(Hello, 0, Hello.Length);
            bench.Scheduler.Delay(5000);
            c.Send(Hello, 0, Hello.Length);
            bench.Run(1000000);

            // B heard two equal-strength packets at once; A and C were each transmitting while the other's packet was on air.
            Assert.Equal(0, b.Counters.PacketsReceived);
            Assert.Equal(0, a.Counters.PacketsReceived);
            Assert.Equal(0, c.Counters.PacketsReceived);
            Assert.Equal(2, bench.Air.Collisions);
            // C was receiving A's packet when it started sending (A was already transmitting when C's began).
            Assert.Equal(1, bench.Air.HalfDuplexMisses);
        }

        [Fact]
        public void A_much_stronger_packet_survives_a_collision()
        {
            var bench = new LoRaBench();
            Sx127xDriver near = bench.Add(10);
            Sx127xDriver b = bench.Add(0);
            Sx127xDriver far = bench.Add(1000);
            b.StartReceive();

            far.Send(Hello, 0, Hello.Length);
            bench.Scheduler.Delay(1000);
            near.Send(Hello, 0, 5);
            bench.Run(1000000);

            Assert.Equal(1, b.Counters.PacketsReceived);
            Assert.Equal(5, b.ReadPacket(new byte[255], 0, 255));
        }

        [Fact]
        public void A_missing_tx_done_times_out_and_the_driver_recovers()
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(0);
            bench.Chips[0].StuckTransmitter = true;

            a.Send(Hello, 0, Hello.Length);
            long airtime = a.TimeOnAirMicroseconds(Hello.Length);
            bench.Scheduler.RunUntil(bench.Scheduler.NowMicroseconds + airtime + 10000);
            Assert.Equal(RadioEvent.None, a.Service());
            bench.Scheduler.RunUntil(bench.Scheduler.NowMicroseconds + (2 * airtime) + 60000);

            Assert.Equal(RadioEvent.TransmitFailed, a.Service());
            Assert.Equal(1, a.Counters.TransmitTimeouts);
            Assert.False(a.IsTransmitting);
            bench.Chips[0].StuckTransmitter = false;
            Assert.Equal(RadioResult.Ok, a.Send(Hello, 0, Hello.Length));
        }

        [Fact]
        public void Invalid_lengths_and_small_buffers_are_errors()
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(0);
            Sx127xDriver b = bench.Add(10);
            b.StartReceive();

            Assert.Equal(RadioResult.InvalidLength, a.Send(new byte[256], 0, 256));
            Assert.Equal(RadioResult.InvalidLength, a.Send(Hello, 0, 0));
            a.Send(Hello, 0, Hello.Length);
            bench.Run(1000000);
            Assert.Equal(-1, b.ReadPacket(new byte[4], 0, 4));
            Assert.Equal(1, b.Counters.LengthErrors);
        }

        [Fact]
        public void Unread_packets_are_overwritten_and_counted()
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(0);
            Sx127xDriver b = bench.Add(10);
            b.StartReceive();

            for (int i = 0; i < 3; i++)
            {
                a.Send(Hello, 0, i + 1);
                bench.Run(bench.Scheduler.NowMicroseconds + 200000);
            }

            Assert.Equal(3, b.Counters.PacketsReceived);
            Assert.Equal(2, b.Counters.Overruns);
            Assert.Equal(3, b.ReadPacket(new byte[255], 0, 255));
        }

        [Fact]
        public void Sleep_clears_the_fifo_and_the_model_guards_the_lora_bit()
        {
            var bench = new LoRaBench();
            Sx127xDriver a = bench.Add(0);

            Assert.Equal(RadioResult.Ok, a.Sleep());
            Assert.Equal(0, bench.Chips[0].Mode);
            Assert.True(bench.Chips[0].LoRa);
            // Outside sleep the chip ignores a change of LongRangeMode (DS §6.2).
            Assert.Equal(RadioResult.Ok, a.StartReceive());
            var write = new byte[] { 0x81, 0x01 & 0x7F };
            bench.Chips[0].Write(write, 0, 2);
            Assert.True(bench.Chips[0].LoRa);
        }
    }
}
