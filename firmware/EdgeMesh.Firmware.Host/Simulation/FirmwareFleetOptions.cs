using EdgeMesh.Firmware.Boards;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>What <see cref="FirmwareFleet"/> simulates.</summary>
    public sealed class FirmwareFleetOptions
    {
        /// <summary>Board every node runs on (its radio, SX1276 or nRF24L01+, is simulated at register level).</summary>
        public string Board { get; set; } = BoardCatalog.Esp32S3Sx1276;

        /// <summary>Firmware nodes in the segment.</summary>
        public int Nodes { get; set; } = 5;

        /// <summary>Extra nodes provisioned with another fleet's segment key, placed among the others.</summary>
        public int ForeignNodes { get; set; }

        /// <summary>Distance between neighbouring nodes on the line from the probe, metres; 0: 45 % of the radio range, so that with 5 nodes the farthest is 2–3 radio hops out.</summary>
        public double SpacingMetres { get; set; }

        /// <summary>Seed of the air's randomness and of the node ids and keys.</summary>
        public int Seed { get; set; } = 1;

        /// <summary>Heartbeat interval of every node, s.</summary>
        public int HeartbeatSeconds { get; set; } = 30;

        /// <summary>Telemetry interval of every node, s.</summary>
        public int TelemetrySeconds { get; set; } = 60;

        /// <summary>Command timeout of every node, ms.</summary>
        public int CommandTimeoutMs { get; set; } = 500;

        /// <summary>Packet loss probability per receiver, 0..1.</summary>
        public double Loss { get; set; }

        /// <summary>Throws <see cref="System.ArgumentException"/> for values the simulation cannot run.</summary>
        public void Validate()
        {
            if (BoardCatalog.Find(Board) == null)
            {
                throw new System.ArgumentException("unknown board '" + Board + "'; known: " + string.Join(", ", BoardCatalog.Names()));
            }

            if (Nodes < 1 || Nodes > 64 || ForeignNodes < 0 || ForeignNodes > 8)
            {
                throw new System.ArgumentException("--nodes must be 1..64 and --foreign 0..8");
            }

            if (SpacingMetres < 0 || Loss < 0 || Loss > 1 || HeartbeatSeconds < 1 || TelemetrySeconds < 1 || CommandTimeoutMs < 50 || CommandTimeoutMs > 10000)
            {
                throw new System.ArgumentException("spacing, loss, intervals or command timeout out of range");
            }
        }
    }
}
