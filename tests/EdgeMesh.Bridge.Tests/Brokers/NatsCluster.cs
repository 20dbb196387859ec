using System;
using System.IO;
using System.Linq;

namespace EdgeMesh.Bridge.Tests.Brokers
{
    /// <summary>
    /// Three nats-server processes on loopback forming one cluster with JetStream and an MQTT listener
    /// each (NATS serves MQTT 3.1.1 from JetStream streams replicated across the cluster).
    /// </summary>
    internal sealed class NatsCluster : IDisposable
    {
        private readonly BrokerProcess[] _servers = new BrokerProcess[3];

        internal NatsCluster()
        {
            string binary = BrokerBinary.Find("nats-server", "nats-server");
            int[] ports = FreePorts.Take(9);
            Directory = Path.Combine(Path.GetTempPath(), "em-nats-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            MqttPorts = new int[3];
            for (int i = 0; i < 3; i++)
            {
                int client = ports[i * 3];
                int route = ports[(i * 3) + 1];
                MqttPorts[i] = ports[(i * 3) + 2];
                string routes = string.Join(", ", Enumerable.Range(0, 3).Where(j => j != i).Select(j => "nats-route://127.0.0.1:" + ports[(j * 3) + 1]));
                string config = Path.Combine(Directory, "s" + (i + 1) + ".conf");
                File.WriteAllText(config, string.Join('\n', new[]
                {
                    "server_name: s" + (i + 1),
                    "listen: 127.0.0.1:" + client,
                    "jetstream { store_dir: \"" + Path.Combine(Directory, "js" + (i + 1)) + "\", max_memory_store: 64MB, max_file_store: 512MB }",
                    "cluster { name: edgemesh-test, listen: 127.0.0.1:" + route + ", routes: [" + routes + "] }",
                    "mqtt { listen: 127.0.0.1:" + MqttPorts[i] + ", stream_replicas: 3, consumer_replicas: 3 }",
                    string.Empty,
                }));
                _servers[i] = new BrokerProcess(binary, new[] { "-c", config }, MqttPorts[i]);
            }

            // All three at once: JetStream needs its quorum before the MQTT listener serves sessions.
            Exception?[] failures = new Exception?[3];
            var threads = new System.Threading.Thread[3];
            for (int i = 0; i < 3; i++)
            {
                int n = i;
                threads[i] = new System.Threading.Thread(() =>
                {
                    try
                    {
                        _servers[n].Start();
                    }
                    catch (Exception ex) when (ex is InvalidOperationException || ex is TimeoutException)
                    {
                        failures[n] = ex;
                    }
                }) { IsBackground = true };
                threads[i].Start();
            }

            foreach (System.Threading.Thread t in threads)
            {
                t.Join();
            }

            foreach (Exception? f in failures)
            {
                if (f != null)
                {
                    Dispose();
                    throw new InvalidOperationException("NATS cluster did not start: " + f.Message, f);
                }
            }
        }

        internal string Directory { get; }

        internal int[] MqttPorts { get; }

        internal string Uri(int server) => "mqtt://127.0.0.1:" + MqttPorts[server];

        internal void Kill(int server) => _servers[server].Stop(crash: true);

        internal string Log(int server) => _servers[server].Log;

        public void Dispose()
        {
            foreach (BrokerProcess s in _servers)
            {
                s?.Dispose();
            }

            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
