using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    /// <summary>Valid payloads of every type made from a seeded <see cref="Random"/>, as seeds for mutation.</summary>
    internal static class PayloadSamples
    {
        private static readonly string[] Words = { "go", "dock", "é", "✓", "🤖", "arm up", "\u0000", "水", "\uD83E" };

        /// <summary>One valid payload of <paramref name="type"/> in a new array.</summary>
        internal static byte[] Make(ushort type, Random random)
        {
            byte[] buffer = new byte[1024];
            int written;
            FrameError error;
            switch (type)
            {
                case PayloadType.Heartbeat:
                    var heartbeat = new Heartbeat(
                        (NodeStatus)random.Next(7), (ushort)random.Next(10001), (ushort)random.Next(65536), (uint)random.Next(),
                        new Pose(Vector(random), new QuaternionF(Float(random), Float(random), Float(random), Float(random))));
                    error = HeartbeatCodec.Encode(heartbeat, buffer, 0, buffer.Length, out written);
                    break;
                case PayloadType.MotionCommand:
                    var command = new MotionCommand((uint)random.Next(), Vector(random), Vector(random), (uint)random.Next(2000));
                    error = MotionCommandCodec.Encode(command, buffer, 0, buffer.Length, out written);
                    break;
                case PayloadType.Telemetry:
                    var writer = new TelemetryWriter();
                    error = writer.Begin(buffer, 0, buffer.Length);
                    for (int i = random.Next(40); i > 0; i--)
                    {
                        writer.Add((ushort)random.Next(65536), (float)random.NextDouble() * 100f);
                    }

                    written = writer.Length;
                    break;
                case PayloadType.Text:
                    error = TextCodec.Encode(Sentence(random), buffer, 0, buffer.Length, out written);
                    break;
                case PayloadType.LlmRequest:
                case PayloadType.LlmResponse:
                    byte[] text = System.Text.Encoding.UTF8.GetBytes(Sentence(random));
                    int count = 1 + random.Next(5);
                    int index = random.Next(count);
                    byte flags = (byte)((index == count - 1 && random.Next(2) == 0 ? LlmChunkFlags.Final : 0) | random.Next(2) * LlmChunkFlags.Error);
                    error = LlmChunkCodec.Encode(new LlmChunk((ulong)random.NextInt64(), (ushort)index, (ushort)count, flags, text, 0, text.Length), buffer, 0, buffer.Length, out written);
                    break;
                default:
                    written = random.Next(64);
                    random.NextBytes(buffer.AsSpan(0, written));
                    error = FrameError.None;
                    break;
            }

            Assert.Equal(FrameError.None, error);
            return buffer.AsSpan(0, written).ToArray();
        }

        private static string Sentence(Random random)
        {
            string text = string.Empty;
            for (int i = random.Next(12); i > 0; i--)
            {
                text += Words[random.Next(Words.Length)];
            }

            return text;
        }

        private static float Float(Random random)
        {
            return (float)((random.NextDouble() * 200.0) - 100.0);
        }

        private static Vector3F Vector(Random random)
        {
            return new Vector3F(Float(random), Float(random), Float(random));
        }
    }
}
