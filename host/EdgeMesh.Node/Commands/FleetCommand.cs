using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh fleet init|enroll|revoke</c>: the fleet root's tools (docs/identity.md §3, §4).</summary>
    internal static class FleetCommand
    {
        /// <summary>Default certificate lifetime when --expires is not given.</summary>
        internal static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(365);

        /// <summary>Certificates start this long before issue, so nodes with slightly slow clocks accept them.</summary>
        internal static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

        internal static Command Create(TimeProvider clock)
        {
            var command = new Command("fleet", "Fleet root operations: create the root key, enroll nodes, revoke nodes.");
            command.Subcommands.Add(CreateInit());
            command.Subcommands.Add(CreateEnroll(clock));
            command.Subcommands.Add(CreateRevoke(clock));
            command.Subcommands.Add(CreatePushRevocations());
            return command;
        }

        private static Command CreateInit()
        {
            var outOption = new Option<string>("--out") { Description = "Fleet directory to write fleet.key (mode 0600) and fleet.pub into.", Required = true };
            var forceOption = new Option<bool>("--force") { Description = "Replace an existing fleet root key (invalidates every certificate it issued)." };
            var command = new Command("init", "Create a fleet root key; its public key (fleet.pub) is the trust anchor for every node.");
            command.Options.Add(outOption);
            command.Options.Add(forceOption);
            command.SetAction(parseResult =>
            {
                if (!Cli.RequireSodium(parseResult, out int exitCode))
                {
                    return exitCode;
                }

                string directory = parseResult.GetValue(outOption)!;
                if (KeyFiles.EnsureDirectory(directory, out string message) != FileError.None)
                {
                    return Cli.Fail(parseResult, message);
                }

                using FleetAuthority fleet = FleetAuthority.Generate();
                string secretPath = Path.Combine(directory, KeyFiles.FleetSecretKeyFile);
                if (KeyFiles.WriteKeyPair(secretPath, Path.Combine(directory, KeyFiles.FleetPublicKeyFile), fleet.Keys, KeyPurpose.FleetRoot, parseResult.GetValue(forceOption), out message) != FileError.None)
                {
                    return Cli.Fail(parseResult, message);
                }

                Cli.Out(parseResult).WriteLine("fleet id: " + FleetAuthority.FormatFleetId(fleet.FleetId));
                Cli.Out(parseResult).WriteLine("root key: " + secretPath + " (mode 0600; keep it offline)");
                return ExitCodes.Success;
            });
            return command;
        }

        private static Command CreateEnroll(TimeProvider clock)
        {
            var fleetOption = new Option<string>("--fleet") { Description = "Fleet directory (fleet.key).", Required = true };
            var nodeOption = new Option<string>("--node") { Description = "Node directory (node.pub); node.cert is written there.", Required = true };
            var roleOption = new Option<string[]>("--role") { Description = "robot, gateway or operator (repeat or comma-separate for several).", Required = true, AllowMultipleArgumentsPerToken = true };
            var expiresOption = new Option<string>("--expires") { Description = "End of validity: an ISO 8601 date or time, UTC unless an offset is given (default: one year)." };
            var command = new Command("enroll", "Issue a signed certificate admitting a node to the fleet with the given roles.");
            command.Options.Add(fleetOption);
            command.Options.Add(nodeOption);
            command.Options.Add(roleOption);
            command.Options.Add(expiresOption);
            command.SetAction(parseResult =>
            {
                if (!Cli.RequireSodium(parseResult, out int exitCode))
                {
                    return exitCode;
                }

                if (!TryParseRoles(parseResult.GetValue(roleOption), out FleetRoles roles, out string message))
                {
                    return Cli.Fail(parseResult, message);
                }

                DateTimeOffset now = clock.GetUtcNow();
                if (!TryParseExpiry(parseResult.GetValue(expiresOption), now, out DateTimeOffset notAfter, out message))
                {
                    return Cli.Fail(parseResult, message);
                }

                return Enroll(parseResult, parseResult.GetValue(fleetOption)!, parseResult.GetValue(nodeOption)!, roles, now, notAfter);
            });
            return command;
        }

        /// <summary>The end of validity --expires asks for (default: one year from <paramref name="now"/>); false with a message.</summary>
        internal static bool TryParseExpiry(string? expires, DateTimeOffset now, out DateTimeOffset notAfter, out string message)
        {
            message = string.Empty;
            notAfter = now + DefaultLifetime;
            if (expires != null && !DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out notAfter))
            {
                message = "--expires: '" + expires + "' is not a date (use for example 2027-06-30 or 2027-06-30T12:00Z)";
                return false;
            }

            if (notAfter <= now)
            {
                message = "--expires: " + notAfter.ToString("u", CultureInfo.InvariantCulture) + " is not in the future";
                return false;
            }

            return true;
        }

        /// <summary>Checks that <paramref name="directory"/> holds a usable fleet root key and fleet.pub, before anything is written.</summary>
        internal static bool TryCheckFleet(string directory, out string message)
        {
            if (KeyFiles.TryLoadKeyPair(Path.Combine(directory, KeyFiles.FleetSecretKeyFile), KeyPurpose.FleetRoot, out Ed25519KeyPair? keys, out message) != FileError.None)
            {
                message = "--fleet: " + message + " (create a fleet with: edgemesh fleet init --out " + directory + ")";
                return false;
            }

            keys!.Dispose();
            Span<byte> root = stackalloc byte[Ed25519KeyPair.PublicKeyLength];
            if (KeyFiles.TryLoadPublicKey(Path.Combine(directory, KeyFiles.FleetPublicKeyFile), KeyPurpose.FleetRoot, root, out message) != FileError.None)
            {
                message = "--fleet: " + message;
                return false;
            }

            return true;
        }

        /// <summary>Issues node.cert for the node directory's key, signed by the fleet directory's root; prints what it did.</summary>
        internal static int Enroll(ParseResult parseResult, string fleetDirectory, string nodeDirectory, FleetRoles roles, DateTimeOffset now, DateTimeOffset notAfter)
        {
            Span<byte> nodeKey = stackalloc byte[Ed25519KeyPair.PublicKeyLength];
            if (KeyFiles.TryLoadPublicKey(Path.Combine(nodeDirectory, KeyFiles.NodePublicKeyFile), KeyPurpose.Node, nodeKey, out string message) != FileError.None
                || NodeIds.Derive(nodeKey).IsEmpty)
            {
                return Cli.Fail(parseResult, message.Length > 0 ? message : "the node key's id would be all zero; run keygen again");
            }

            if (!TryLoadFleet(parseResult, fleetDirectory, out FleetAuthority? fleet, out int exitCode))
            {
                return exitCode;
            }

            using (fleet)
            {
                byte[] certificate = fleet!.IssueCertificate(nodeKey, roles, (now - Backdate).ToUnixTimeMilliseconds(), notAfter.ToUnixTimeMilliseconds());
                string path = Path.Combine(nodeDirectory, KeyFiles.NodeCertificateFile);
                if (KeyFiles.WriteDocument(path, certificate, out message) != FileError.None)
                {
                    return Cli.Fail(parseResult, message);
                }

                TextWriter output = Cli.Out(parseResult);
                NodeId enrolled = NodeIds.Derive(nodeKey);
                if (!EnrollmentRecord.TryAdd(fleetDirectory, enrolled, roles, notAfter, out message))
                {
                    output.WriteLine("warning:  " + message);
                }

                output.WriteLine("enrolled: " + NodeIds.FormatShort(enrolled) + " in fleet " + FleetAuthority.FormatFleetId(fleet.FleetId));
                output.WriteLine("roles:    " + roles.ToString().ToLowerInvariant());
                output.WriteLine("expires:  " + notAfter.ToString("u", CultureInfo.InvariantCulture));
                output.WriteLine("written:  " + path);
            }

            return ExitCodes.Success;
        }

        private static Command CreateRevoke(TimeProvider clock)
        {
            var fleetOption = new Option<string>("--fleet") { Description = "Fleet directory (fleet.key; revocations.bin is updated there).", Required = true };
            var idOption = new Option<string>("--node-id") { Description = "Node id to revoke: 16 hex digits (short form) or 64 (full form).", Required = true };
            var command = new Command("revoke", "Add a node to the fleet's signed revocation list (writes a new, higher version).");
            command.Options.Add(fleetOption);
            command.Options.Add(idOption);
            command.SetAction(parseResult =>
            {
                if (!Cli.RequireSodium(parseResult, out int exitCode))
                {
                    return exitCode;
                }

                string idText = parseResult.GetValue(idOption)!;
                if (!NodeIds.TryParse(idText, out NodeId id))
                {
                    return Cli.Fail(parseResult, "--node-id: '" + idText + "' is not a node id (16 or 64 hex digits, not all zero)");
                }

                string directory = parseResult.GetValue(fleetOption)!;
                if (!TryLoadFleet(parseResult, directory, out FleetAuthority? fleet, out exitCode))
                {
                    return exitCode;
                }

                using (fleet)
                {
                    string path = Path.Combine(directory, KeyFiles.RevocationListFile);
                    if (!TryLoadCurrentList(parseResult, fleet!, path, out ulong version, out List<NodeId> revoked, out exitCode))
                    {
                        return exitCode;
                    }

                    if (revoked.Contains(id))
                    {
                        Cli.Out(parseResult).WriteLine(NodeIds.FormatShort(id) + " is already revoked (list version " + version + ")");
                        return ExitCodes.Success;
                    }

                    switch (EnrollmentRecord.Contains(directory, id))
                    {
                        case false:
                            Cli.Out(parseResult).WriteLine("note:     " + NodeIds.FormatShort(id) + " was never enrolled in this fleet (not in " + EnrollmentRecord.FileName + "); revoking it anyway");
                            break;
                        case null:
                            Cli.Out(parseResult).WriteLine("note:     this fleet directory has no " + EnrollmentRecord.FileName + " (enrollments before it existed are not recorded): cannot tell whether " + NodeIds.FormatShort(id) + " was enrolled");
                            break;
                    }

                    revoked.Add(id);
                    byte[] list = fleet!.IssueRevocationList(version + 1, clock.GetUtcNow().ToUnixTimeMilliseconds(), revoked);
                    if (KeyFiles.WriteDocument(path, list, out string message) != FileError.None)
                    {
                        return Cli.Fail(parseResult, message);
                    }

                    Cli.Out(parseResult).WriteLine("revoked:  " + NodeIds.FormatShort(id));
                    Cli.Out(parseResult).WriteLine("list:     version " + (version + 1) + ", " + revoked.Count + " node(s), " + path);
                }

                return ExitCodes.Success;
            });
            return command;
        }

        private static Command CreatePushRevocations()
        {
            var fileOption = new Option<string>("--file") { Description = "The revocation list to push (revocations.bin in the fleet directory, as fleet revoke writes it).", Required = true };
            Option<string> api = ApiClient.CreateApiOption();
            var command = new Command("push-revocations", "Hand a revocation list to a running node: it takes effect there at once and spreads to the rest of the mesh.") { fileOption, api };
            command.SetAction((parseResult, token) =>
            {
                string file = parseResult.GetValue(fileOption)!;
                FileError error = KeyFiles.TryReadDocument(file, RevocationList.EncodedLength(AdmissionLimits.MaxRevokedIds), out byte[] document, out string message);
                if (error != FileError.None)
                {
                    return System.Threading.Tasks.Task.FromResult(Cli.Fail(parseResult, message));
                }

                if (RevocationList.TryParse(document, out RevocationList parsed) != AdmissionError.None)
                {
                    return System.Threading.Tasks.Task.FromResult(Cli.Fail(parseResult, file + ": not a revocation list (expected the file edgemesh fleet revoke writes)"));
                }

                ulong version = parsed.Version;
                return ClientCommands.CallAsync(parseResult, api, TimeSpan.FromSeconds(10), async client =>
                {
                    EdgeMesh.Daemon.Api.RevocationResponse response = await client.PostBytesAsync("/v1/revocations", document, EdgeMesh.Daemon.Api.ApiJsonContext.Default.RevocationResponse, token).ConfigureAwait(false);
                    TextWriter output = Cli.Out(parseResult);
                    output.WriteLine("in force: version " + response.Version + " (" + response.Revoked + " node(s) revoked), " + response.PeersDropped + " peer(s) dropped by this node");
                    if (!response.Saved)
                    {
                        output.WriteLine("warning:  the node could not save it; it holds until the node restarts");
                    }

                    return response.Version == version ? ExitCodes.Success : ExitCodes.Failure;
                });
            });
            return command;
        }

        private static bool TryLoadFleet(ParseResult parseResult, string directory, out FleetAuthority? fleet, out int exitCode)
        {
            fleet = null;
            if (KeyFiles.TryLoadKeyPair(Path.Combine(directory, KeyFiles.FleetSecretKeyFile), KeyPurpose.FleetRoot, out Ed25519KeyPair? keys, out string message) != FileError.None)
            {
                exitCode = Cli.Fail(parseResult, message);
                return false;
            }

            fleet = new FleetAuthority(keys!);
            exitCode = ExitCodes.Success;
            return true;
        }

        private static bool TryLoadCurrentList(ParseResult parseResult, FleetAuthority fleet, string path, out ulong version, out List<NodeId> revoked, out int exitCode)
        {
            version = 0;
            revoked = new List<NodeId>();
            exitCode = ExitCodes.Success;
            FileError error = KeyFiles.TryReadDocument(path, RevocationList.EncodedLength(AdmissionLimits.MaxRevokedIds), out byte[] document, out string message);
            if (error == FileError.NotFound)
            {
                return true;
            }

            if (error != FileError.None)
            {
                exitCode = Cli.Fail(parseResult, message);
                return false;
            }

            if (RevocationList.TryParse(document, out RevocationList list) != AdmissionError.None
                || list.FleetId != fleet.FleetId
                || !list.VerifySignature(fleet.PublicKey))
            {
                exitCode = Cli.Fail(parseResult, path + ": not a valid revocation list of this fleet; move it away to start a new one");
                return false;
            }

            version = list.Version;
            for (int i = 0; i < list.Count; i++)
            {
                revoked.Add(list[i]);
            }

            return true;
        }

        internal static bool TryParseRoles(string[]? values, out FleetRoles roles, out string message)
        {
            roles = FleetRoles.None;
            foreach (string value in values ?? Array.Empty<string>())
            {
                foreach (string name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    switch (name.ToLowerInvariant())
                    {
                        case "robot": roles |= FleetRoles.Robot; break;
                        case "gateway": roles |= FleetRoles.Gateway; break;
                        case "operator": roles |= FleetRoles.Operator; break;
                        default:
                            message = "--role: unknown role '" + name + "' (expected robot, gateway or operator)";
                            return false;
                    }
                }
            }

            message = roles == FleetRoles.None ? "--role: at least one role is required" : string.Empty;
            return roles != FleetRoles.None;
        }
    }
}
