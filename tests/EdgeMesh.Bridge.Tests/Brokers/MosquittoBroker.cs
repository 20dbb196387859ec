using System;
using System.IO;

namespace EdgeMesh.Bridge.Tests.Brokers
{
    /// <summary>A private Mosquitto on a free loopback port, with persistence so an orderly restart keeps sessions.</summary>
    internal sealed class MosquittoBroker : IDisposable
    {
        private readonly BrokerProcess _process;

        internal MosquittoBroker(string? extraConfig = null, string? acl = null)
        {
            string binary = BrokerBinary.Find("mosquitto", "mosquitto");
            Port = FreePorts.Take(1)[0];
            Directory = Path.Combine(Path.GetTempPath(), "em-mosq-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            if (!OperatingSystem.IsWindows())
            {
                // Started as root, Mosquitto drops to its own user: it must still write its persistence file here.
                File.SetUnixFileMode(Directory, (UnixFileMode)0x1FF);
            }
            string config = Path.Combine(Directory, "mosquitto.conf");
            if (acl != null)
            {
                string aclFile = Path.Combine(Directory, "acl");
                File.WriteAllText(aclFile, acl);
                extraConfig = (extraConfig ?? string.Empty) + "\nacl_file " + aclFile + "\n";
            }

            File.WriteAllText(config, string.Join('\n', new[]
            {
                "listener " + Port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + Directory + "/",
                "max_queued_messages 100000",
                "max_inflight_messages 20",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                extraConfig ?? string.Empty,
                string.Empty,
            }));
            _process = new BrokerProcess(binary, new[] { "-c", config }, Port);
            _process.Start();
        }

        internal int Port { get; }

        internal string Directory { get; }

        internal string Uri => "mqtt://127.0.0.1:" + Port;

        internal string Log => _process.Log;

        /// <summary>Orderly stop (Mosquitto writes its persistence file), then start again on the same port.</summary>
        internal void Stop() => _process.Stop(crash: false);

        internal void Start() => _process.Start();

        public void Dispose()
        {
            _process.Dispose();
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
