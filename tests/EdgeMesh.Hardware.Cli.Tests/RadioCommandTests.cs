using System.CommandLine;
using System.IO;
using System.Linq;
using EdgeMesh.Node.Commands;

namespace EdgeMesh.Hardware.Cli.Tests
{
    /// <summary><c>edgemesh radio ... --sim</c> works for every board file.</summary>
    public sealed class RadioCommandTests
    {
        public static TheoryData<string> Boards()
        {
            var data = new TheoryData<string>();
            foreach (string file in Directory.GetFiles(BoardsDirectory(), "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(file));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Boards))]
        public void Probe_with_sim_reports_chip_settings_and_airtime(string board)
        {
            (int code, string output, string error) = Run("radio", "probe", "--board", board, "--sim", "--boards-dir", BoardsDirectory());

            Assert.True(code == 0, error + output);
            Assert.Contains("chip     ", output, StringComparison.Ordinal);
            Assert.Contains(board.Contains("nrf24", StringComparison.Ordinal) ? "nRF24L01+" : "RegVersion 0x12", output, StringComparison.Ordinal);
            Assert.Contains("settings ", output, StringComparison.Ordinal);
            Assert.Contains("airtime  ", output, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("rpi4-sx1276-bonnet")]
        [InlineData("stm32f411-blackpill-nrf24l01")]
        public void Listen_with_sim_prints_each_packet_with_rssi_and_snr(string board)
        {
            (int code, string output, string error) = Run("radio", "listen", "--board", board, "--sim", "--count", "2", "--boards-dir", BoardsDirectory());

            Assert.True(code == 0, error + output);
            Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("rx ", StringComparison.Ordinal) && l.Contains("RSSI", StringComparison.Ordinal) && l.Contains("SNR", StringComparison.Ordinal)));
            Assert.Contains("2 packet(s) received", output, StringComparison.Ordinal);
        }

        [Fact]
        public void Send_with_sim_reports_what_the_peer_heard()
        {
            (int code, string output, string error) = Run("radio", "send", "--board", "jetson-orin-nano-sx1276", "--sim", "--count", "2", "--text", "hello", "--boards-dir", BoardsDirectory());

            Assert.True(code == 0, error + output);
            Assert.Equal(2, output.Split('\n').Count(l => l.Contains("peer heard 5 bytes", StringComparison.Ordinal)));
        }

        [Fact]
        public void Unknown_boards_and_missing_hardware_fail_with_a_clear_message()
        {
            (int code, _, string error) = Run("radio", "probe", "--board", "no-such-board", "--sim", "--boards-dir", BoardsDirectory());
            Assert.Equal(1, code);
            Assert.Contains("known:", error, StringComparison.Ordinal);

            // No spidev on a build machine: the message names the device and how to enable SPI.
            if (!File.Exists("/dev/spidev0.1"))
            {
                (code, _, error) = Run("radio", "probe", "--board", "rpi4-sx1276-bonnet", "--boards-dir", BoardsDirectory());
                Assert.Equal(1, code);
                Assert.Contains("/dev/spidev0.1", error, StringComparison.Ordinal);
                Assert.Contains("dtparam=spi=on", error, StringComparison.Ordinal);
            }

            (code, _, error) = Run("radio", "probe", "--board", "esp32s3-lilygo-t3s3-sx1276", "--boards-dir", BoardsDirectory());
            Assert.Equal(1, code);
            Assert.Contains("firmware", error, StringComparison.Ordinal);
        }

        private static string BoardsDirectory()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "boards");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("boards/ not found");
        }

        private static (int Code, string Output, string Error) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = CommandCatalog.Invoke(args, TimeProvider.System, new InvocationConfiguration { Output = output, Error = error });
            return (code, output.ToString(), error.ToString());
        }
    }
}
