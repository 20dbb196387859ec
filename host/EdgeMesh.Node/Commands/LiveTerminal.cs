using System;
using Spectre.Console;

namespace EdgeMesh.Node.Commands
{
    /// <summary>Whether a live (redrawn in place) view suits the current output.</summary>
    internal static class LiveTerminal
    {
        /// <summary>True when standard output is a terminal that can redraw in place; false when redirected (logs, CI, pipes).</summary>
        internal static bool IsInteractive(IAnsiConsole console) =>
            !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;
    }
}
