using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Nrf24l01;
using EdgeMesh.Hardware.Tests.Support;

namespace EdgeMesh.Hardware.Tests.Nrf24l01
{
    /// <summary>The real nRF24L01+ driver against the register-level model.</summary>
    public sealed class Nrf24l01DriverTests
    {
        private static readonly byte[] Payload = "robot-7 pose 12.5 4.0"u8.ToArray();

        [Fact]
        public void Probe_detects_a_chip_and_an_unpowered_one()
        {
            var scheduler = new EventScheduler();
            var chip = new Nrf24l01Model(new SimulatedAir(scheduler, 1), 0, 0);
            var driver = new Nrf24l01Driver(chip, chip.Ce, scheduler);

            Assert.True(driver.Probe());
            chip.Unpowered = true;
            Assert.False(driver.Probe());
            Assert.Equal(RadioResult.NotReady, driver.Configure(new Nrf24Settings()));
        }

        [Fact]
        public void Configure_writes_the_documented_registers()
        {
            var bench = new Nrf24Bench();
            bench.Add(0, 0x01, 0x02, new Nrf24Settings { Channel = 90, DataRate = Nrf24DataRate.Rate250kbps, OutputPower = Nrf24OutputPower.Minus6Dbm, RetransmitDelayMicroseconds = 750, RetransmitCount = 5 });
            Nrf24l01Model chip = bench.Chips[0];

            Assert.Equal(0x0E, chip.Register(0x00)); // CRC 2 bytes, powered up, PTX
            Assert.Equal(0x03, chip.Register(0x01)); // auto-ack on pipes 0 and 1
            Assert.Equal(0x03, chip.Register(0x02));
            Assert.Equal(0x03, chip.Register(0x03)); // 5-byte addresses
            Assert.Equal(0x25, chip.Register(0x04)); // ARD 750 µs, ARC 5
            Assert.Equal(90, chip.Register(0x05));
            Assert.Equal(0x24, chip.Register(0x06)); // 250 kbps, -6 dBm
            Assert.Equal(0x03, chip.Register(0x1C));
            Assert.Equal(0x05, chip.Register(0x1D)); // EN_DPL, EN_DYN_ACK
            Assert.Equal(new byte[] { 0x02, 0x4D, 0x45, 0x53, 0x48 }, chip.Address(0x10));
            Assert.Equal(chip.Address(0x10), chip.Address(0x0A)); // RX_ADDR_P0 = TX_ADDR for acknowledgements
            Assert.Equal(new byte[] { 0x01, 0x4D, 0x45, 0x53, 0x48 }, chip.Address(0x0B));
            Assert.Equal(0x0E, chip.Register(0x07)); // STATUS: no flags, RX FIFO empty
            Assert.Equal(0x11, chip.Register(0x17)); // FIFO_STATUS: both empty
        }

        [Fact]
        public void Invalid_settings_are_refused()
        {
            Assert.False(new Nrf24Settings { Channel = 126 }.IsValid());
            Assert.False(new Nrf24Settings { RetransmitDelayMicroseconds = 300 }.IsValid());
            Assert.False(new Nrf24Settings { AddressWidth = 2 }.IsValid());
            Assert.False(new Nrf24Settings { StaticPayloadWidth = 33 }.IsValid());
            Assert.True(new Nrf24Settings().IsValid());
        }

        [Fact]
        public void An_acknowledged_packet_crosses_the_air()
        {
            var bench = new Nrf24Bench();
            Nrf24l01Driver a = bench.Add(0, 0x01, 0x02);
            Nrf24l01Driver b = bench.Add(2, 0x02, 0x01);
            a.StartReceive();
            b.StartReceive();

            Assert.Equal(RadioResult.Ok, a.Send(Payload, 0, Payload.Length));
            List<(int Driver, RadioEvent Event)> events = bench.Run(bench.Scheduler.NowMicroseconds + 20000);

            Assert.Contains((0, RadioEvent.TransmitDone), events);
            Assert.Contains((1, RadioEvent.PacketReceived), events);
            var buffer = new byte[32];
            Assert.Equal(Payload.Length, b.ReadPacket(buffer, 0, buffer.Length));
            Assert.Equal(Payload, buffer.Take(Payload.Length).ToArray());
            Assert.Equal(1, b.LastPipe);
            Assert.Equal(-64, b.LastRssiDbm); // 2 m at 0 dBm (about -48 dBm) is above the RPD threshold
            Assert.Equal(0, a.Counters.Retransmissions);
            Assert.Equal(2, bench.Air.Transmissions); // data and acknowledgement
        }

        [Fact]
        public void Lost_acknowledgements_end_in_max_rt_and_the_fifo_is_flushed()
        {
            var bench = new Nrf24Bench();
            Nrf24l01Driver a = bench.Add(0, 0x01, 0x02, new Nrf24Settings { RetransmitCount = 3, RetransmitDelayMicroseconds = 500 });
            Nrf24l01Driver b = bench.Add(10, 0x02, 0x01);
            b.StartReceive();
            bench.Air.SetLinkLoss(bench.Chips[1], bench.Chips[0], 1.0);

            a.Send(Payload, 0, Payload.Length);
            List<(int Driver, RadioEvent Event)> events = bench.Run(bench.Scheduler.NowMicroseconds + 50000);

            Assert.Contains((0, RadioEvent.TransmitFailed), events);
            Assert.Equal(1, a.Counters.MaxRetransmits);
            Assert.Equal(3, a.Counters.Retransmissions);
            Assert.Equal(0x10, bench.Chips[0].Register(0x17) & 0x10); // TX FIFO empty again
            Assert.Equal(0x10, bench.Chips[0].Register(0x08) & 0xF0); // PLOS_CNT = 1
            // The receiver stored the packet once; the three retransmissions were duplicates.
            Assert.Equal(1, b.Counters.PacketsReceived);
            Assert.Equal(3, bench.Chips[1].DuplicatesSuppressed);
            // After MAX_RT the driver can send again.
            bench.Air.SetLinkLoss(bench.Chips[1], bench.Chips[0], 0);
            Assert.Equal(RadioResult.Ok, a.Send(Payload, 0, 4));
            bench.Run(bench.Scheduler.NowMicroseconds + 20000);
            Assert.Equal(1, a.Counters.PacketsSent);
        }

        [Fact]
        public void A_lost_data_packet_is_retransmitted_until_acknowledged()
        {
            var bench = new Nrf24Bench(seed: 7);
            Nrf24l01Driver a = bench.Add(0, 0x01, 0x02);
            Nrf24l01Driver b = bench.Add(10, 0x02, 0x01);
            b.StartReceive();
            bench.Air.SetLinkLoss(bench.Chips[0], bench.Chips[1], 0.5);

            for (int i = 0; i < 20; i++)
            {
                a.Send(Payload, 0, Payload.Length);
                bench.Run(bench.Scheduler.NowMicroseconds + 40000);
                Assert.Equal(Payload.Length, b.ReadPacket(new byte[32], 0, 32));
            }

            Assert.Equal(20, a.Counters.PacketsSent);
            Assert.True(a.Counters.Retransmissions > 5, "retransmissions: " + a.Counters.Retransmissions);
        }

        [Fact]
        public void A_full_rx_fifo_drops_the_fourth_packet()
        {
            var bench = new Nrf24Bench();
            Nrf24l01Driver a = bench.Add(0, 0x01, 0x02, new Nrf24Settings { AutoAck = false });
            Nrf24l01Driver b = bench.Add(10, 0x02, 0x01, new Nrf24Settings { AutoAck = false });
            b.StartReceive();

            byte[] payload = (byte[])Payload.Clone();
            for (int i = 0; i < 4; i++)
            {
                payload[0] = (byte)('0' + i);
                a.Send(payload, 0, payload.Length);
                bench.Scheduler.RunUntil(bench.Scheduler.NowMicroseconds + 2000);
                Assert.Equal(RadioEvent.TransmitDone, a.Service());
            }

            Assert.Equal(1, bench.Chips[1].RxFifoOverflows);
            Assert.Equal(0x02, bench.Chips[1].Register(0x17) & 0x02); // RX_FULL
            var buffer = new byte[32];
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(RadioEvent.PacketReceived, b.Service());
                Assert.Equal(payload.Length, b.ReadPacket(buffer, 0, 32));
                Assert.Equal((byte)('0' + i), buffer[0]);
            }

            Assert.Equal(RadioEvent.None, b.Service());
            Assert.Equal(1, b.Counters.RxFifoFull);
        }

        [Theory]
        [InlineData(77, Nrf24DataRate.Rate1Mbps)]
        [InlineData(76, Nrf24DataRate.Rate2Mbps)]
        public void Mismatched_channel_or_rate_hears_nothing_and_the_sender_gives_up(int channel, Nrf24DataRate rate)
        {
            var bench = new Nrf24Bench();
            Nrf24l01Driver a = bench.Add(0, 0x01, 0x02, new Nrf24Settings { RetransmitCount = 2 });
            Nrf24l01Driver b = bench.Add(10, 0x02, 0x01, new Nrf24Settings { Channel = channel, DataRate = rate });
            b.StartReceive();

            a.Send(Payload, 0, Payload.Length);
            bench.Run(bench.Scheduler.NowMicroseconds + 50000);

            Assert.Equal(0, b.Counters.PacketsReceived);
            Assert.Equal(1, a.Counters.MaxRetransmits);
        }

        [Fact]
        public void Another_nodes_address_is_not_received()
        {
            var bench = new Nrf24Bench();
            Nrf24l01Driver a = bench.Add(0, 0x01, 0x03, new Nrf24Settings { RetransmitCount = 1 });
            Nrf24l01Driver b = bench.Add(10, 0x02, 0x01);
            b.StartReceive();

            a.Send(Payload, 0, Payload.Length);
            bench.Run(bench.Scheduler.NowMicroseconds + 50000);

            Assert.Equal(0, b.Counters.PacketsReceived);
            Assert.Equal(RadioEvent.None, b.Service());
        }

        [Fact]
        public void Payload_limit_and_static_widths_are_enforced()
        {
            var bench = new Nrf24Bench();
            Nrf24l01Driver a = bench.Add(0, 0x01, 0x02);
            Nrf24l01Driver s = bench.Add(5, 0x03, 0x02, new Nrf24Settings { DynamicPayload = false, StaticPayloadWidth = 8 });

            Assert.Equal(32, a.MaxPacketLength);
            Assert.Equal(RadioResult.InvalidLength, a.Send(new byte[33], 0, 33));
            Assert.Equal(RadioResult.InvalidLength, a.Send(Payload, 0, 0));
            Assert.Equal(8, s.MaxPacketLength);
            Assert.Equal(RadioResult.InvalidLength, s.Send(Payload, 0, 7));
            Assert.Equal(RadioResult.Ok, s.Send(Payload, 0, 8));
        }

        [Fact]
        public void No_ack_broadcast_reaches_every_listener_without_acknowledgements()
        {
            var bench = new Nrf24Bench();
            Nrf24l01Driver a = bench.Add(0, 0xFF, 0xFF);
            Nrf24l01Driver b = bench.Add(10, 0xFF, 0xFF);
            Nrf24l01Driver c = bench.Add(-10, 0xFF, 0xFF);
            b.StartReceive();
            c.StartReceive();

            Assert.Equal(RadioResult.Ok, a.SendNoAck(Payload, 0, Payload.Length));
            bench.Run(bench.Scheduler.NowMicroseconds + 5000);

            Assert.Equal(1, a.Counters.PacketsSent);
            Assert.Equal(1, b.Counters.PacketsReceived);
            Assert.Equal(1, c.Counters.PacketsReceived);
            Assert.Equal(1, bench.Air.Transmissions);
        }

        [Fact]
        public void Time_on_air_follows_the_packet_format()
        {
            // 5-byte address, 2-byte CRC, 32-byte payload: 8 * 40 + 9 = 329 bits.
            Assert.Equal(329, new Nrf24Settings().TimeOnAirMicroseconds(32));
            Assert.Equal(165, new Nrf24Settings { DataRate = Nrf24DataRate.Rate2Mbps }.TimeOnAirMicroseconds(32));
            Assert.Equal(1316, new Nrf24Settings { DataRate = Nrf24DataRate.Rate250kbps }.TimeOnAirMicroseconds(32));
        }
    }
}
