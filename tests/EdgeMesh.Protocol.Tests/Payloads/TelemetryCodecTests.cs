using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;
using static EdgeMesh.Protocol.Tests.Payloads.PayloadTestSupport;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    public sealed class TelemetryCodecTests
    {
        private static readonly Gen<(ushort[] Ids, float[] Values)> Readings =
            from count in Gen.Frequency((4, Gen.Choose(0, 20)), (1, Gen.Choose(0, 255)))
            from ids in PayloadGen.UInt16.ArrayOf(count)
            from values in PayloadGen.AnyFloat.ArrayOf(count)
            select (ids, values);

        [Fact]
        public void Any_readings_round_trip_bit_for_bit_through_the_array_encoder()
        {
            PayloadGen.Check(Readings, r =>
            {
                int length = TelemetryCodec.EncodedLength(r.Ids.Length);
                byte[] buffer = Padded(length);
                return TelemetryCodec.Encode(r.Ids, r.Values, 0, r.Ids.Length, buffer, Pad, length, out int written) == FrameError.None
                    && written == length
                    && OutsideUntouched(buffer, written)
                    && Matches(buffer, Pad, written, r.Ids, r.Values, 0, r.Ids.Length);
            });
        }

        [Fact]
        public void The_writer_produces_the_same_bytes_as_the_array_encoder()
        {
            var writer = new TelemetryWriter();
            PayloadGen.Check(Readings, r =>
            {
                byte[] expected = new byte[TelemetryCodec.EncodedLength(r.Ids.Length)];
                TelemetryCodec.Encode(r.Ids, r.Values, 0, r.Ids.Length, expected, 0, expected.Length, out _);
                byte[] buffer = Padded(expected.Length);
                if (writer.Begin(buffer, Pad, expected.Length) != FrameError.None)
                {
                    return false;
                }

                for (int i = 0; i < r.Ids.Length; i++)
                {
                    if (writer.Add(r.Ids[i], r.Values[i]) != FrameError.None)
                    {
                        return false;
                    }
                }

                return writer.Count == r.Ids.Length
                    && writer.Length == expected.Length
                    && ToHex(buffer, Pad, writer.Length) == ToHex(expected, 0, expected.Length)
                    && OutsideUntouched(buffer, writer.Length);
            }, 500);
        }

        [Fact]
        public void A_sub_range_of_the_arrays_is_encoded()
        {
            ushort[] ids = { 10, 11, 12, 13 };
            float[] values = { 1f, 2f, 3f, 4f };
            byte[] buffer = new byte[64];
            Assert.Equal(FrameError.None, TelemetryCodec.Encode(ids, values, 1, 2, buffer, 0, buffer.Length, out int written));
            Assert.True(Matches(buffer, 0, written, ids, values, 1, 2));
        }

        [Fact]
        public void Encoder_rejects_bad_arrays_too_many_readings_and_a_short_destination()
        {
            ushort[] ids = new ushort[256];
            float[] values = new float[256];
            byte[] buffer = new byte[2000];
            Assert.Equal(FrameError.FieldOutOfRange, TelemetryCodec.Encode(ids, values, 0, 256, buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.None, TelemetryCodec.Encode(ids, values, 0, 255, buffer, 0, buffer.Length, out int written));
            Assert.Equal(1532, written);
            Assert.Equal(FrameError.InvalidArgument, TelemetryCodec.Encode(ids, new float[3], 0, 4, buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.InvalidArgument, TelemetryCodec.Encode(ids, values, -1, 2, buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.InvalidArgument, TelemetryCodec.Encode(null!, values, 0, 0, buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.BufferTooSmall, TelemetryCodec.Encode(ids, values, 0, 3, buffer, 0, 19, out written));
            Assert.Equal(0, written);
        }

        [Fact]
        public void A_count_that_disagrees_with_the_length_is_refused()
        {
            byte[] payload = FromHex(PayloadVectorTests.TelemetryHex);
            payload[1] = 4;
            Assert.Equal(FrameError.Truncated, TelemetryCodec.Decode(payload, 0, payload.Length, out TelemetryView view));
            Assert.Equal(0, view.Count);
            payload[1] = 2;
            Assert.Equal(FrameError.LengthMismatch, TelemetryCodec.Decode(payload, 0, payload.Length, out _));
            payload[1] = 0xFF;
            Assert.Equal(FrameError.Truncated, TelemetryCodec.Decode(payload, 0, payload.Length, out _));
        }

        [Fact]
        public void An_empty_batch_is_two_bytes()
        {
            Assert.Equal(FrameError.None, TelemetryCodec.Decode(new byte[] { 1, 0 }, 0, 2, out TelemetryView view));
            Assert.Equal(0, view.Count);
            Assert.Throws<ArgumentOutOfRangeException>(() => view.GetValue(0));
        }

        [Fact]
        public void View_indexes_outside_the_readings_throw_as_programming_errors()
        {
            byte[] payload = FromHex(PayloadVectorTests.TelemetryHex);
            Assert.Equal(FrameError.None, TelemetryCodec.Decode(payload, 0, payload.Length, out TelemetryView view));
            Assert.Throws<ArgumentOutOfRangeException>(() => view.GetSensorId(3));
            Assert.Throws<ArgumentOutOfRangeException>(() => view.GetValue(-1));
        }

        [Theory]
        [InlineData(233, 38)]
        [InlineData(2, 0)]
        [InlineData(1, 0)]
        [InlineData(8, 1)]
        [InlineData(65535, 255)]
        public void MaxReadingsFor_fits_the_budget(int budget, int expected)
        {
            Assert.Equal(expected, TelemetryCodec.MaxReadingsFor(budget));
            Assert.True(TelemetryCodec.EncodedLength(expected) <= Math.Max(budget, 2));
        }

        [Fact]
        public void Writer_stops_cleanly_at_the_end_of_its_range_and_at_255_readings()
        {
            var writer = new TelemetryWriter();
            Assert.Equal(FrameError.InvalidArgument, writer.Add(1, 1f));
            byte[] buffer = Padded(15);
            Assert.Equal(FrameError.BufferTooSmall, writer.Begin(buffer, Pad, 1));
            Assert.Equal(FrameError.InvalidArgument, writer.Add(1, 1f));

            Assert.Equal(FrameError.None, writer.Begin(buffer, Pad, 15));
            Assert.Equal(FrameError.None, writer.Add(1, 1f));
            Assert.Equal(FrameError.None, writer.Add(2, 2f));
            Assert.Equal(FrameError.BufferTooSmall, writer.Add(3, 3f));
            Assert.Equal(14, writer.Length);
            Assert.True(OutsideUntouched(buffer, 14));
            Assert.True(Matches(buffer, Pad, writer.Length, new ushort[] { 1, 2 }, new[] { 1f, 2f }, 0, 2));

            byte[] large = new byte[2000];
            Assert.Equal(FrameError.None, writer.Begin(large, 0, large.Length));
            for (int i = 0; i < 255; i++)
            {
                Assert.Equal(FrameError.None, writer.Add((ushort)i, i));
            }

            Assert.Equal(FrameError.FieldOutOfRange, writer.Add(255, 0f));
            Assert.Equal(FrameError.None, TelemetryCodec.Decode(large, 0, writer.Length, out TelemetryView view));
            Assert.Equal(255, view.Count);
            Assert.Equal(254, view.GetSensorId(254));
        }

        private static bool Matches(byte[] buffer, int offset, int count, ushort[] ids, float[] values, int start, int readings)
        {
            if (TelemetryCodec.Decode(buffer, offset, count, out TelemetryView view) != FrameError.None || view.Count != readings)
            {
                return false;
            }

            for (int i = 0; i < readings; i++)
            {
                if (view.GetSensorId(i) != ids[start + i] || !PayloadGen.Same(view.GetValue(i), values[start + i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
