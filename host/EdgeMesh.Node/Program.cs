using System.CommandLine;
using EdgeMesh.Node.Commands;

namespace EdgeMesh.Node
{
    /// <summary>Entry point of the <c>edgemesh</c> executable.</summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var root = new RootCommand("EdgeMesh: a secure mesh-networking runtime for robot fleets.");
            foreach (Command command in CommandCatalog.All())
            {
                root.Subcommands.Add(command);
            }

            return root.Parse(args).Invoke();
        }
    }
}
