using System;
using System.CommandLine;
using EdgeMesh.Node.Demo;
using EdgeMesh.Protocol.Link;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh demo</c>: shows the wire core encoding, framing, fragmenting and decoding messages.</summary>
    internal static class DemoCommand
    {
        internal static Command Create()
        {
            var mtu = new Option<int>("--mtu")
            {
                Description = "Packet size of the simulated radio link in bytes (32 = nRF24L01, 255 = LoRa).",
                DefaultValueFactory = _ => 32,
            };
            var seed = new Option<int>("--seed")
            {
                Description = "Seed for chunk sizes and packet reordering, to replay a run exactly.",
                DefaultValueFactory = _ => 1,
            };
            var command = new Command("demo", "Show the wire core at work: encode typed messages into frames, carry them over a serial and a radio link, decode them.")
            {
                mtu,
                seed,
            };
            command.SetAction(parse =>
            {
                int packetSize = parse.GetValue(mtu);
                if (packetSize < FragmentFormat.MinMtu || packetSize > 255)
                {
                    Console.Error.WriteLine($"edgemesh demo: --mtu must be between {FragmentFormat.MinMtu} and 255 (got {packetSize})");
                    return ExitCodes.Usage;
                }

                var demo = new WireDemo(Console.Out, packetSize, parse.GetValue(seed), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                DemoResult result = demo.Run();
                bool ok = result.DeliveredOverSerial == result.FramesSent && result.DeliveredOverRadio == result.FramesSent;
                Console.WriteLine();
                Console.WriteLine(ok
                    ? $"All {result.FramesSent} messages arrived once over each link; {result.DuplicatesSuppressed} duplicate suppressed."
                    : $"Delivery incomplete: serial {result.DeliveredOverSerial}/{result.FramesSent}, radio {result.DeliveredOverRadio}/{result.FramesSent}.");
                return ok ? ExitCodes.Success : ExitCodes.Failure;
            });
            return command;
        }
    }
}
