using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    /// <summary>
    /// A million random and mutated inputs per decoder. Decoders must never throw, must read only
    /// their range (each input is also decoded from an array of exactly its length, where any
    /// read outside would throw), must give the same answer at any offset, and whatever they accept
    /// must re-encode to exactly the same bytes (one encoding per value).
    /// </summary>
    public sealed class PayloadFuzzTests
    {
        private const int Inputs = 1_000_000;
        private const int MaxLength = 320;
        private const int Pad = 5;

        private static readonly byte[] Interesting = { 0x00, 0x01, 0x02, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xF0, 0xF4, 0xFF };

        public static TheoryData<ushort> Types { get; } = new TheoryData<ushort>
        {
            PayloadType.Raw, PayloadType.Heartbeat, PayloadType.MotionCommand, PayloadType.Telemetry, PayloadType.Text, PayloadType.LlmResponse,
        };

        [Theory]
        [MemberData(nameof(Types))]
        public void Decoders_survive_a_million_random_and_mutated_inputs(ushort type)
        {
            var random = new Random(0x5EED + type);
            byte[][] seeds = new byte[64][];
            for (int i = 0; i < seeds.Length; i++)
            {
                seeds[i] = PayloadSamples.Make(type, random);
            }

            byte[][] exact = new byte[MaxLength + 1][];
            for (int i = 0; i <= MaxLength; i++)
            {
                exact[i] = new byte[i];
            }

            byte[] work = new byte[MaxLength + (2 * Pad)];
            byte[] scratch = new byte[MaxLength];
            var writer = new TelemetryWriter();
            int[] outcomes = new int[WireFormat.FrameErrorCount];
            for (int n = 0; n < Inputs; n++)
            {
                int length = random.Next(4) == 0 ? RandomInput(random, work) : Mutate(random, seeds[random.Next(seeds.Length)], work);
                byte[] input = exact[length];
                Array.Copy(work, Pad, input, 0, length);

                FrameError error = DecodeAndReencode(type, input, 0, length, scratch, writer);
                FrameError atOffset = PayloadValidator.Validate(type, work, Pad, length);
                if (error != atOffset)
                {
                    Assert.Fail("offset changed the outcome for " + Convert.ToHexString(input) + ": " + error + " vs " + atOffset);
                }

                outcomes[(int)error]++;
            }

            // The inputs must exercise both sides, or the test proves nothing.
            Assert.True(outcomes[0] > Inputs / 100, "too few accepted inputs: " + outcomes[0]);
            if (type != PayloadType.Raw)
            {
                Assert.True(Inputs - outcomes[0] > Inputs / 10, "too few rejected inputs");
                Assert.True(outcomes[(int)FrameError.UnsupportedPayloadVersion] > 0 && outcomes[(int)FrameError.Truncated] > 0);
            }
        }

        private static int RandomInput(Random random, byte[] work)
        {
            int length = random.Next(MaxLength + 1);
            random.NextBytes(work.AsSpan(0, length + (2 * Pad)));
            if (length > 0 && random.Next(4) != 0)
            {
                work[Pad] = PayloadLayout.Version;
            }

            return length;
        }

        private static int Mutate(Random random, byte[] seed, byte[] work)
        {
            // Garbage before and after the seed: the padding, and what an append mutation exposes.
            random.NextBytes(work.AsSpan(0, Pad));
            random.NextBytes(work.AsSpan(Pad + seed.Length, 8 + Pad));
            Array.Copy(seed, 0, work, Pad, seed.Length);
            int length = seed.Length;
            for (int m = 1 + random.Next(3); m > 0; m--)
            {
                int at = length == 0 ? 0 : random.Next(length);
                switch (random.Next(7))
                {
                    case 0 when length > 0:
                        work[Pad + at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1 when length > 0:
                        work[Pad + at] = (byte)random.Next(256);
                        break;
                    case 2 when length > 0:
                        work[Pad + at] = Interesting[random.Next(Interesting.Length)];
                        break;
                    case 3:
                        length = random.Next(length + 1);
                        break;
                    case 4:
                        length = Math.Min(MaxLength, length + 1 + random.Next(8)); // the appended bytes are random already
                        break;
                    case 5 when length > 0:
                        Array.Copy(work, Pad + at + 1, work, Pad + at, length - at - 1);
                        length--;
                        break;
                    case 6 when length < MaxLength:
                        Array.Copy(work, Pad + at, work, Pad + at + 1, length - at);
                        work[Pad + at] = (byte)random.Next(256);
                        length++;
                        break;
                }
            }

            return length;
        }

        private static FrameError DecodeAndReencode(ushort type, byte[] source, int offset, int count, byte[] scratch, TelemetryWriter writer)
        {
            FrameError error;
            int written = 0;
            switch (type)
            {
                case PayloadType.Heartbeat:
                    error = HeartbeatCodec.Decode(source, offset, count, out Heartbeat heartbeat);
                    if (error == FrameError.None)
                    {
                        HeartbeatCodec.Encode(heartbeat, scratch, 0, scratch.Length, out written);
                    }

                    break;
                case PayloadType.MotionCommand:
                    error = MotionCommandCodec.Decode(source, offset, count, out MotionCommand command);
                    if (error == FrameError.None)
                    {
                        MotionCommandCodec.Encode(command, scratch, 0, scratch.Length, out written);
                    }

                    break;
                case PayloadType.Telemetry:
                    error = TelemetryCodec.Decode(source, offset, count, out TelemetryView view);
                    if (error == FrameError.None)
                    {
                        writer.Begin(scratch, 0, scratch.Length);
                        for (int i = 0; i < view.Count; i++)
                        {
                            writer.Add(view.GetSensorId(i), view.GetValue(i));
                        }

                        written = writer.Length;
                    }

                    break;
                case PayloadType.Text:
                    error = TextCodec.Decode(source, offset, count, out TextView text);
                    if (error == FrameError.None)
                    {
                        TextCodec.EncodeUtf8(text.Buffer, text.TextOffset, text.TextLength, scratch, 0, scratch.Length, out written);
                    }

                    break;
                case PayloadType.LlmResponse:
                    error = LlmChunkCodec.Decode(source, offset, count, out LlmChunk chunk);
                    if (error == FrameError.None)
                    {
                        LlmChunkCodec.Encode(chunk, scratch, 0, scratch.Length, out written);
                    }

                    break;
                default:
                    error = RawCodec.Decode(source, offset, count, out RawView raw);
                    if (error == FrameError.None)
                    {
                        RawCodec.Encode(raw.Buffer, raw.DataOffset, raw.DataLength, scratch, 0, scratch.Length, out written);
                    }

                    break;
            }

            if (error == FrameError.None && !scratch.AsSpan(0, written).SequenceEqual(source.AsSpan(offset, count)))
            {
                Assert.Fail("accepted input does not re-encode to itself: " + Convert.ToHexString(source, offset, count));
            }

            return error;
        }
    }
}
