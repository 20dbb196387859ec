using System;
using EdgeMesh.Node.Commands;

namespace EdgeMesh.Node
{
    /// <summary>Entry point of the <c>edgemesh</c> executable.</summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            return CommandCatalog.Invoke(args, TimeProvider.System);
        }
    }
}
