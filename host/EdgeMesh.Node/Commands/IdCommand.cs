using System;
using System.CommandLine;
using System.IO;
using EdgeMesh.Security;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh id --dir DIR</c>: prints the node id of an identity directory.</summary>
    internal static class IdCommand
    {
        internal static Command Create()
        {
            var dirOption = new Option<string>("--dir") { Description = "Node directory (as written by keygen).", Required = true };
            var fullOption = new Option<bool>("--full") { Description = "Print the full 64-digit id instead of the short 16-digit wire id." };
            var command = new Command("id", "Print the node id of a node directory.");
            command.Options.Add(dirOption);
            command.Options.Add(fullOption);
            command.SetAction(parseResult => Run(parseResult, parseResult.GetValue(dirOption)!, parseResult.GetValue(fullOption)));
            return command;
        }

        private static int Run(ParseResult parseResult, string directory, bool full)
        {
            if (!Cli.RequireSodium(parseResult, out int exitCode))
            {
                return exitCode;
            }

            // The secret key file is preferred: loading it also checks its permissions and integrity.
            string secretPath = Path.Combine(directory, KeyFiles.NodeSecretKeyFile);
            Span<byte> publicKey = stackalloc byte[Ed25519KeyPair.PublicKeyLength];
            string message;
            if (File.Exists(secretPath))
            {
                if (KeyFiles.TryLoadNode(secretPath, out NodeKeyPair? identity, out message) != FileError.None)
                {
                    return Cli.Fail(parseResult, message);
                }

                identity!.PublicKey.CopyTo(publicKey);
                identity.Dispose();
            }
            else if (KeyFiles.TryLoadPublicKey(Path.Combine(directory, KeyFiles.NodePublicKeyFile), KeyPurpose.Node, publicKey, out message) != FileError.None)
            {
                return Cli.Fail(parseResult, message);
            }

            Span<byte> fullId = stackalloc byte[NodeIds.FullIdLength];
            if (!NodeIds.TryDeriveFull(publicKey, fullId))
            {
                return Cli.Fail(parseResult, directory + ": no usable public key");
            }

            Cli.Out(parseResult).WriteLine(full ? NodeIds.FormatFull(fullId) : NodeIds.FormatShort(NodeIds.Derive(publicKey)));
            return ExitCodes.Success;
        }
    }
}
