using System;
using System.CommandLine;
using System.IO;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh init --dir DIR ...</c>: a ready-to-run node directory (keys, certificate, configuration).</summary>
    internal static class InitCommand
    {
        internal static Command Create(TimeProvider clock)
        {
            var dir = new Option<string>("--dir") { Description = "Node directory to create (mode 0700).", Required = true };
            var listen = new Option<string>("--listen") { Description = "UDP HOST:PORT of the node.", DefaultValueFactory = _ => NodeConfig.DefaultListen };
            var api = new Option<string>("--api") { Description = "HOST:PORT of the local HTTP API.", DefaultValueFactory = _ => NodeConfig.DefaultApi };
            var bootstrap = new Option<string[]>("--bootstrap") { Description = "Peer to contact at start: HOST:PORT (UDP) or tcp://HOST:PORT; repeat for several.", AllowMultipleArgumentsPerToken = true };
            var mode = new Option<string>("--mode") { Description = "production (signed, fleet members only), lightweight (segment MAC) or development (no authentication).", DefaultValueFactory = _ => "production" };
            var fleet = new Option<string>("--fleet") { Description = "Fleet directory (fleet.key): enroll the node and copy fleet.pub and revocations.bin." };
            var role = new Option<string[]>("--role") { Description = "Roles for the certificate with --fleet: robot, gateway, operator.", DefaultValueFactory = _ => new[] { "robot" }, AllowMultipleArgumentsPerToken = true };
            var expires = new Option<string>("--expires") { Description = "With --fleet: end of the certificate's validity, an ISO 8601 date or time (default: one year)." };
            var force = new Option<bool>("--force") { Description = "Replace an existing configuration and, with --fleet, an existing certificate (the identity key is always kept)." };
            var command = new Command("init", "Create a node directory: identity key, certificate (with --fleet) and a starter edgemesh.json. An existing certificate is never replaced without --force.")
            {
                dir, listen, api, bootstrap, mode, fleet, role, expires, force,
            };
            command.SetAction(parse =>
            {
                if (!Cli.RequireSodium(parse, out int exitCode))
                {
                    return exitCode;
                }

                var config = new NodeConfig
                {
                    Listen = parse.GetValue(listen)!,
                    Api = parse.GetValue(api)!,
                    Mode = parse.GetValue(mode)!.ToLowerInvariant(),
                    Bootstrap = new System.Collections.Generic.List<string>(parse.GetValue(bootstrap) ?? Array.Empty<string>()),
                };
                config.AllowInsecureDevelopment = config.Profile == SecurityProfile.Development;
                var problems = config.Validate();
                if (problems.Count > 0)
                {
                    parse.InvocationConfiguration.Error.WriteLine("edgemesh init: " + string.Join("; ", problems));
                    return ExitCodes.Usage;
                }

                return Run(parse, parse.GetValue(dir)!, config, parse.GetValue(fleet), parse.GetValue(role), parse.GetValue(expires), parse.GetValue(force), clock);
            });
            return command;
        }

        private static int Run(ParseResult parse, string directory, NodeConfig config, string? fleetDirectory, string[]? roleNames, string? expires, bool force, TimeProvider clock)
        {
            // Everything that can be refused is checked before the first file is written, so a
            // refused init leaves the directory as it was (or absent).
            string configPath = Path.Combine(directory, NodeConfig.FileName);
            if (File.Exists(configPath) && !force)
            {
                return Cli.Fail(parse, configPath + " exists (use --force to replace the configuration; the identity key is kept)");
            }

            if (!FleetCommand.TryParseRoles(roleNames, out FleetRoles roles, out string message))
            {
                return Cli.Fail(parse, message);
            }

            DateTimeOffset now = clock.GetUtcNow();
            if (expires != null && fleetDirectory == null)
            {
                return Cli.Fail(parse, "--expires needs --fleet (it sets the end of the certificate init issues)");
            }

            if (!FleetCommand.TryParseExpiry(expires, now, out DateTimeOffset notAfter, out message))
            {
                return Cli.Fail(parse, message);
            }

            if (fleetDirectory != null)
            {
                if (!FleetCommand.TryCheckFleet(fleetDirectory, out message))
                {
                    return Cli.Fail(parse, message);
                }

                string certificatePath = Path.Combine(directory, KeyFiles.NodeCertificateFile);
                if (File.Exists(certificatePath) && !force)
                {
                    return Cli.Fail(parse, certificatePath + " exists" + DescribeCertificate(certificatePath) + ": init does not replace a certificate; keep it by leaving out --fleet, or pass --force to issue a new one (with --expires DATE; default one year)");
                }
            }

            if (KeyFiles.EnsureDirectory(directory, out message) != FileError.None)
            {
                return Cli.Fail(parse, message);
            }

            TextWriter output = Cli.Out(parse);
            string secretPath = Path.Combine(directory, KeyFiles.NodeSecretKeyFile);
            if (File.Exists(secretPath))
            {
                if (KeyFiles.TryLoadNode(secretPath, out NodeKeyPair? existing, out message) != FileError.None)
                {
                    return Cli.Fail(parse, message);
                }

                output.WriteLine("node id:  " + existing!.Id + " (existing key kept)");
                existing.Dispose();
            }
            else
            {
                using NodeKeyPair identity = NodeKeyPair.Generate();
                if (KeyFiles.WriteKeyPair(secretPath, Path.Combine(directory, KeyFiles.NodePublicKeyFile), identity.Keys, KeyPurpose.Node, false, out message) != FileError.None)
                {
                    return Cli.Fail(parse, message);
                }

                output.WriteLine("node id:  " + identity.Id);
            }

            if (fleetDirectory != null)
            {
                int enrolled = FleetCommand.Enroll(parse, fleetDirectory, directory, roles, now, notAfter);
                if (enrolled != ExitCodes.Success)
                {
                    return enrolled;
                }

                try
                {
                    File.Copy(Path.Combine(fleetDirectory, KeyFiles.FleetPublicKeyFile), Path.Combine(directory, KeyFiles.FleetPublicKeyFile), overwrite: true);
                    string revocations = Path.Combine(fleetDirectory, KeyFiles.RevocationListFile);
                    if (File.Exists(revocations))
                    {
                        File.Copy(revocations, Path.Combine(directory, KeyFiles.RevocationListFile), overwrite: true);
                    }
                }
                catch (IOException e)
                {
                    return Cli.Fail(parse, "copying the fleet's public files: " + e.Message);
                }
            }

            try
            {
                File.WriteAllText(configPath, config.ToJson() + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Cli.Fail(parse, configPath + ": " + e.Message);
            }

            output.WriteLine("config:   " + configPath);
            if (config.Profile == SecurityProfile.Production && fleetDirectory == null && !File.Exists(Path.Combine(directory, KeyFiles.NodeCertificateFile)))
            {
                output.WriteLine("note:     production mode needs a certificate: edgemesh fleet enroll --fleet FLEETDIR --node " + directory + " --role robot, and fleet.pub copied here");
            }

            if (config.Profile == SecurityProfile.Development)
            {
                output.WriteLine("WARNING:  development mode: no authentication; any device on the network can join and impersonate nodes");
            }

            output.WriteLine("start:    edgemesh run --dir " + directory);
            return ExitCodes.Success;
        }

        /// <summary>" (node X, expires DATE)" for a readable certificate, else empty.</summary>
        private static string DescribeCertificate(string path)
        {
            if (KeyFiles.TryReadDocument(path, NodeCertificate.Length, out byte[] bytes, out _) != FileError.None
                || NodeCertificate.TryParse(bytes, out NodeCertificate certificate) != AdmissionError.None)
            {
                return string.Empty;
            }

            return " (node " + NodeIds.FormatShort(certificate.NodeId) + ", expires " + DateTimeOffset.FromUnixTimeMilliseconds(certificate.NotAfterMs).ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ")";
        }
    }
}
