using System.Collections.Generic;
using System.CommandLine;

namespace EdgeMesh.Node.Commands
{
    /// <summary>Every top-level <c>edgemesh</c> command, in the order <c>--help</c> lists them.</summary>
    internal static class CommandCatalog
    {
        internal static IEnumerable<Command> All()
        {
            yield return DemoCommand.Create();
            yield return SimCommand.Create();
        }
    }
}
