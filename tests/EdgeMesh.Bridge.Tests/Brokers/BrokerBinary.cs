using System.IO;

namespace EdgeMesh.Bridge.Tests.Brokers
{
    /// <summary>Finds a broker executable; a missing one fails the test with what to install, never skips it.</summary>
    internal static class BrokerBinary
    {
        internal static string Find(string name, string debianPackage)
        {
            foreach (string dir in new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" })
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new FileNotFoundException(
                name + " is not installed: the bridge tests need a real broker. Install the Debian package with `apt-get install -y " + debianPackage + "`.");
        }
    }
}
