using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace EdgeMesh.Bridge.Tests.Brokers
{
    /// <summary>Loopback ports the kernel reports free (all asked for at once, so they differ).</summary>
    internal static class FreePorts
    {
        internal static int[] Take(int count)
        {
            var listeners = new List<TcpListener>();
            var ports = new int[count];
            try
            {
                for (int i = 0; i < count; i++)
                {
                    var l = new TcpListener(IPAddress.Loopback, 0);
                    l.Start();
                    listeners.Add(l);
                    ports[i] = ((IPEndPoint)l.LocalEndpoint).Port;
                }
            }
            finally
            {
                foreach (TcpListener l in listeners)
                {
                    l.Stop();
                }
            }

            return ports;
        }
    }
}
