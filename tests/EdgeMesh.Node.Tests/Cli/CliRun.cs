using System.CommandLine;
using System.IO;
using EdgeMesh.Node.Commands;

namespace EdgeMesh.Node.Tests.Cli
{
    /// <summary>Runs a command line in this process through the same entry point as the executable.</summary>
    internal static class CliRun
    {
        internal static (int Code, string Output, string Error) InProcess(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = CommandCatalog.Invoke(args, TimeProvider.System, new InvocationConfiguration { Output = output, Error = error });
            return (code, output.ToString(), error.ToString());
        }
    }
}
