using System.CommandLine;
using System.IO;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh keygen --out DIR</c>: creates a node identity (node.key mode 0600, node.pub).</summary>
    internal static class KeygenCommand
    {
        internal static Command Create()
        {
            var outOption = new Option<string>("--out") { Description = "Node directory to write node.key and node.pub into (created with mode 0700).", Required = true };
            var forceOption = new Option<bool>("--force") { Description = "Replace an existing identity in the directory." };
            var command = new Command("keygen", "Create a node identity: an Ed25519 key pair and the node id derived from it.");
            command.Options.Add(outOption);
            command.Options.Add(forceOption);
            command.SetAction(parseResult => Run(parseResult, parseResult.GetValue(outOption)!, parseResult.GetValue(forceOption)));
            return command;
        }

        private static int Run(ParseResult parseResult, string directory, bool force)
        {
            if (!Cli.RequireSodium(parseResult, out int exitCode))
            {
                return exitCode;
            }

            if (KeyFiles.EnsureDirectory(directory, out string message) != FileError.None)
            {
                return Cli.Fail(parseResult, message);
            }

            string secretPath = Path.Combine(directory, KeyFiles.NodeSecretKeyFile);
            using NodeKeyPair identity = NodeKeyPair.Generate();
            if (KeyFiles.WriteKeyPair(secretPath, Path.Combine(directory, KeyFiles.NodePublicKeyFile), identity.Keys, KeyPurpose.Node, force, out message) != FileError.None)
            {
                return Cli.Fail(parseResult, message + (force ? string.Empty : " (use --force to replace the identity)"));
            }

            TextWriter output = Cli.Out(parseResult);
            output.WriteLine("node id:  " + NodeIds.FormatShort(identity.Id));
            output.WriteLine("full id:  " + NodeIds.FormatFull(identity.FullId));
            output.WriteLine("key file: " + secretPath + " (mode 0600)");
            return ExitCodes.Success;
        }
    }
}
