using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Firmware.Tests.Support;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Protocol.Link;

namespace EdgeMesh.Firmware.Tests.Application
{
    public sealed class ProvisioningCodecTests
    {
        [Fact]
        public void Record_round_trips_every_field()
        {
            NodeProvisioning p = TestNodes.Provisioning(0x0102030405060708);
            p.Radio.TxPowerDbm = 17;
            p.CommandTimeoutMs = 750;
            byte[] record = Encode(p);

            var back = new NodeProvisioning();
            Assert.Equal(ProvisioningError.None, ProvisioningCodec.Decode(record, 0, record.Length, back));

            Assert.Equal(p.NodeId, back.NodeId);
            Assert.Equal(p.SegmentKey, back.SegmentKey);
            Assert.Equal(p.BoardName, back.BoardName);
            Assert.Equal(RadioChip.Sx1276, back.Radio.Chip);
            Assert.Equal(p.Radio.FrequencyHz, back.Radio.FrequencyHz);
            Assert.Equal(p.Radio.BandwidthHz, back.Radio.BandwidthHz);
            Assert.Equal(p.Radio.SpreadingFactor, back.Radio.SpreadingFactor);
            Assert.Equal(p.Radio.CodingRateDenominator, back.Radio.CodingRateDenominator);
            Assert.Equal(17, back.Radio.TxPowerDbm);
            Assert.Equal(p.Radio.HopLimit, back.Radio.HopLimit);
            Assert.Equal(p.Radio.DutyCyclePerMille, back.Radio.DutyCyclePerMille);
            Assert.Equal(p.HeartbeatIntervalSeconds, back.HeartbeatIntervalSeconds);
            Assert.Equal(p.TelemetryIntervalSeconds, back.TelemetryIntervalSeconds);
            Assert.Equal(750, back.CommandTimeoutMs);
        }

        [Fact]
        public void Nrf24_record_keeps_channel_and_negative_power()
        {
            NodeProvisioning p = TestNodes.Provisioning(9);
            p.BoardName = "stm32-nrf24l01";
            p.Radio = RadioSettings.DefaultNrf24();
            p.Radio.TxPowerDbm = -12;
            p.Radio.RfChannel = 100;
            byte[] record = Encode(p);

            var back = new NodeProvisioning();
            Assert.Equal(ProvisioningError.None, ProvisioningCodec.Decode(record, 0, record.Length, back));
            Assert.Equal(RadioChip.Nrf24l01Plus, back.Radio.Chip);
            Assert.Equal(-12, back.Radio.TxPowerDbm);
            Assert.Equal(100, back.Radio.RfChannel);
        }

        [Fact]
        public void Layout_starts_with_the_magic_and_ends_with_the_crc()
        {
            byte[] record = Encode(TestNodes.Provisioning(1));

            Assert.Equal(ProvisioningCodec.Length, record.Length);
            Assert.Equal("EMPV"u8.ToArray(), record[..4]);
            Assert.Equal(1, record[4]);
            ushort crc = Crc16Ccitt.Compute(record, 0, 102);
            Assert.Equal((byte)(crc >> 8), record[102]);
            Assert.Equal((byte)crc, record[103]);
        }

        [Theory]
        [InlineData(0, ProvisioningError.BadMagic)]
        [InlineData(4, ProvisioningError.UnsupportedVersion)]
        [InlineData(7, ProvisioningError.BadLength)]
        [InlineData(20, ProvisioningError.BadChecksum)]
        [InlineData(103, ProvisioningError.BadChecksum)]
        public void A_changed_byte_gives_a_defined_error_and_leaves_the_target_untouched(int index, ProvisioningError expected)
        {
            byte[] record = Encode(TestNodes.Provisioning(1));
            record[index] ^= 0x5A;
            NodeProvisioning target = TestNodes.Provisioning(42, keySeed: 99);

            Assert.Equal(expected, ProvisioningCodec.Decode(record, 0, record.Length, target));
            Assert.Equal(42UL, target.NodeId);
            Assert.Equal(99, target.SegmentKey[0]);
        }

        [Fact]
        public void Blank_flash_and_short_records_are_told_apart()
        {
            var target = new NodeProvisioning();
            byte[] erased = new byte[ProvisioningCodec.Length];
            Array.Fill(erased, (byte)0xFF);
            byte[] record = Encode(TestNodes.Provisioning(1));

            Assert.Equal(ProvisioningError.BadMagic, ProvisioningCodec.Decode(erased, 0, erased.Length, target));
            Assert.Equal(ProvisioningError.BadMagic, ProvisioningCodec.Decode(new byte[104], 0, 104, target));
            Assert.Equal(ProvisioningError.Truncated, ProvisioningCodec.Decode(record, 0, 103, target));
            Assert.Equal(ProvisioningError.Truncated, ProvisioningCodec.Decode(record, 0, 3, target));
            Assert.Equal(ProvisioningError.InvalidArgument, ProvisioningCodec.Decode(record, 10, 103, target));
        }

        [Fact]
        public void A_record_with_a_valid_crc_but_an_impossible_setting_is_refused()
        {
            byte[] record = Encode(TestNodes.Provisioning(1));
            record[88] = 13; // spreading factor
            Recrc(record);

            Assert.Equal(ProvisioningError.InvalidRadioSettings, ProvisioningCodec.Decode(record, 0, record.Length, new NodeProvisioning()));

            record = Encode(TestNodes.Provisioning(1));
            record[48] = 40; // board name length beyond the field
            Recrc(record);
            Assert.Equal(ProvisioningError.InvalidBoardName, ProvisioningCodec.Decode(record, 0, record.Length, new NodeProvisioning()));

            record = Encode(TestNodes.Provisioning(1));
            record[5] = 9; // radio chip
            Recrc(record);
            Assert.Equal(ProvisioningError.UnknownRadioChip, ProvisioningCodec.Decode(record, 0, record.Length, new NodeProvisioning()));
        }

        [Fact]
        public void Encode_refuses_records_that_could_not_boot()
        {
            byte[] buffer = new byte[ProvisioningCodec.Length];
            NodeProvisioning p = TestNodes.Provisioning(0);
            Assert.Equal(ProvisioningError.InvalidNodeId, ProvisioningCodec.Encode(p, buffer, 0, buffer.Length, out _));

            p = TestNodes.Provisioning(1);
            p.BoardName = "ESP32 S3";
            Assert.Equal(ProvisioningError.InvalidBoardName, ProvisioningCodec.Encode(p, buffer, 0, buffer.Length, out _));

            p = TestNodes.Provisioning(1);
            Array.Clear(p.SegmentKey);
            Assert.Equal(ProvisioningError.InvalidSegmentKey, ProvisioningCodec.Encode(p, buffer, 0, buffer.Length, out _));

            p = TestNodes.Provisioning(1);
            p.Radio.BandwidthHz = 100000;
            Assert.Equal(ProvisioningError.InvalidRadioSettings, ProvisioningCodec.Encode(p, buffer, 0, buffer.Length, out _));

            p = TestNodes.Provisioning(1);
            p.CommandTimeoutMs = 20;
            Assert.Equal(ProvisioningError.InvalidTiming, ProvisioningCodec.Encode(p, buffer, 0, buffer.Length, out _));

            Assert.Equal(ProvisioningError.BufferTooSmall, ProvisioningCodec.Encode(TestNodes.Provisioning(1), buffer, 0, 103, out int written));
            Assert.Equal(0, written);
        }

        [Fact]
        public void Random_and_mutated_records_never_throw()
        {
            var random = new Random(1234);
            byte[] valid = Encode(TestNodes.Provisioning(77));
            var target = new NodeProvisioning();
            int accepted = 0;
            for (int i = 0; i < 20000; i++)
            {
                byte[] input;
                if (i % 2 == 0)
                {
                    input = new byte[random.Next(0, 130)];
                    random.NextBytes(input);
                }
                else
                {
                    input = (byte[])valid.Clone();
                    for (int m = random.Next(1, 4); m > 0; m--)
                    {
                        input[random.Next(input.Length)] = (byte)random.Next(256);
                    }
                }

                ProvisioningError error = ProvisioningCodec.Decode(input, 0, input.Length, target);
                Assert.True(Enum.IsDefined(error));
                accepted += error == ProvisioningError.None ? 1 : 0;
            }

            // Mutations that only rewrite a byte with its own value are accepted; nothing else gets past the CRC.
            Assert.True(accepted < 2000, accepted + " mutated records were accepted");
        }

        private static byte[] Encode(NodeProvisioning p)
        {
            byte[] record = new byte[ProvisioningCodec.Length];
            Assert.Equal(ProvisioningError.None, ProvisioningCodec.Encode(p, record, 0, record.Length, out int written));
            Assert.Equal(ProvisioningCodec.Length, written);
            return record;
        }

        private static void Recrc(byte[] record)
        {
            ushort crc = Crc16Ccitt.Compute(record, 0, 102);
            record[102] = (byte)(crc >> 8);
            record[103] = (byte)crc;
        }
    }
}
