using System.CommandLine;
using System.IO;
using EdgeMesh.Firmware.Host.Commands;
using EdgeMesh.Firmware.Host.Simulation;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Tests.Commands
{
    /// <summary>`edgemesh firmware provision` and `edgemesh firmware-sim`, invoked as the CLI will.</summary>
    [Collection("Console")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class CommandTests
    {
        [Fact]
        public void Provision_writes_a_private_record_the_firmware_boots_from_and_reuses_the_segment_key()
        {
            string dir = Directory.CreateTempSubdirectory("edgemesh-provision-").FullName;
            try
            {
                string key = Path.Combine(dir, "segment.key");
                string first = Path.Combine(dir, "node1.prov");
                string second = Path.Combine(dir, "node2.prov");

                Assert.Equal(0, Invoke("firmware", "provision", "--board", "esp32s3-sx1276", "--segment-key", key, "--out", first, "--node-id", "00000000000000a1", "--spreading-factor", "9"));
                Assert.Equal(0, Invoke("firmware", "provision", "--board", "stm32-nrf24l01", "--segment-key", key, "--out", second, "--channel", "90"));

                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
                var one = new NodeProvisioning();
                var two = new NodeProvisioning();
                byte[] r1 = File.ReadAllBytes(first);
                byte[] r2 = File.ReadAllBytes(second);
                Assert.Equal(ProvisioningError.None, ProvisioningCodec.Decode(r1, 0, r1.Length, one));
                Assert.Equal(ProvisioningError.None, ProvisioningCodec.Decode(r2, 0, r2.Length, two));
                Assert.Equal(0xA1UL, one.NodeId);
                Assert.Equal(9, one.Radio.SpreadingFactor);
                Assert.Equal(RadioChip.Nrf24l01Plus, two.Radio.Chip);
                Assert.Equal(90, two.Radio.RfChannel);
                Assert.NotEqual(0UL, two.NodeId);
                Assert.Equal(one.SegmentKey, two.SegmentKey);

                var boot = new EdgeMesh.Firmware.Application.FirmwareBoot();
                Assert.Equal(EdgeMesh.Firmware.Application.BootError.None, boot.Load(r1, 0, r1.Length));
                Assert.Equal("esp32s3-lilygo-t3s3-sx1276", boot.Board!.Name);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void Provision_refuses_unknown_boards_and_impossible_settings_with_the_usage_code()
        {
            string dir = Directory.CreateTempSubdirectory("edgemesh-provision-").FullName;
            try
            {
                string key = Path.Combine(dir, "segment.key");
                string output = Path.Combine(dir, "node.prov");
                Assert.Equal(2, Invoke("firmware", "provision", "--board", "esp8266", "--segment-key", key, "--out", output));
                Assert.Equal(2, Invoke("firmware", "provision", "--board", "esp32s3-sx1276", "--segment-key", key, "--out", output, "--spreading-factor", "13"));
                Assert.Equal(2, Invoke("firmware", "provision", "--board", "esp32s3-sx1276", "--segment-key", key, "--out", output, "--node-id", "xyz"));
                File.WriteAllText(key, "not a key");
                Assert.Equal(2, Invoke("firmware", "provision", "--board", "esp32s3-sx1276", "--segment-key", key, "--out", output));
                Assert.False(File.Exists(output));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void Firmware_sim_reports_every_node_heard_and_the_motion_round_trip()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 4, Seed = 2 });
            var output = new StringWriter();

            int exit = FirmwareSimCommand.Run(fleet, 180_000, motion: true, json: true, output);

            string text = output.ToString();
            Assert.Equal(0, exit);
            Assert.Contains("\"ok\": true", text, StringComparison.Ordinal);
            Assert.Contains("\"acknowledged\": true", text, StringComparison.Ordinal);
            Assert.Contains("\"stoppedAfterTimeout\": true", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"heartbeatsHeard\": 0,", text, StringComparison.Ordinal);
        }

        [Fact]
        public void Firmware_sim_fails_when_a_node_is_out_of_reach()
        {
            // 4 ranges apart with a hop limit of 3: the far node cannot be heard.
            var probe = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 1 });
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 2, SpacingMetres = probe.RangeMetres * 2.2 });
            var output = new StringWriter();

            Assert.Equal(1, FirmwareSimCommand.Run(fleet, 120_000, motion: false, json: false, output));
            Assert.Contains("result: FAILED", output.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Firmware_sim_refuses_unknown_boards_and_bad_sizes()
        {
            Assert.Equal(2, Invoke("firmware-sim", "--board", "esp8266", "--nodes", "2", "--duration", "1"));
            Assert.Equal(2, Invoke("firmware-sim", "--nodes", "0"));
        }

        private static int Invoke(params string[] args)
        {
            var root = new RootCommand("test");
            root.Subcommands.Add(ProvisionCommand.CreateFirmwareCommand());
            root.Subcommands.Add(FirmwareSimCommand.Create());
            TextWriter stdout = Console.Out;
            TextWriter stderr = Console.Error;
            try
            {
                Console.SetOut(TextWriter.Null);
                Console.SetError(TextWriter.Null);
                return root.Parse(args).Invoke();
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }
        }
    }
}
