using System;
using System.Globalization;
using System.IO;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Node.Commands
{
    /// <summary>
    /// <c>enrolled.txt</c> in a fleet directory: one line per certificate <c>fleet enroll</c> issued
    /// (node id, roles, expiry), so <c>fleet revoke</c> can say when an id was never
    /// enrolled (a typo revokes nobody). A plain text file an operator can read; nothing trusts it.
    /// </summary>
    internal static class EnrollmentRecord
    {
        internal const string FileName = "enrolled.txt";

        /// <summary>Appends a line; false with a message when the file cannot be written (the certificate stands).</summary>
        internal static bool TryAdd(string fleetDirectory, NodeId id, FleetRoles roles, DateTimeOffset notAfter, out string message)
        {
            string line = NodeIds.FormatShort(id) + " roles=" + roles.ToString().ToLowerInvariant().Replace(", ", ",", StringComparison.Ordinal)
                + " expires=" + notAfter.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + Environment.NewLine;
            try
            {
                File.AppendAllText(Path.Combine(fleetDirectory, FileName), line);
                message = string.Empty;
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                message = "the enrollment was not recorded in " + FileName + ": " + e.Message;
                return false;
            }
        }

        /// <summary>True or false when the record exists; null when there is none to ask.</summary>
        internal static bool? Contains(string fleetDirectory, NodeId id)
        {
            string path = Path.Combine(fleetDirectory, FileName);
            if (!File.Exists(path))
            {
                return null;
            }

            string wanted = NodeIds.FormatShort(id) + " ";
            try
            {
                foreach (string line in File.ReadLines(path))
                {
                    if (line.StartsWith(wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            return false;
        }
    }
}
