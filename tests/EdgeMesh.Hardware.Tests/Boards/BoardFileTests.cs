using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EdgeMesh.Hardware.Boards;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;

namespace EdgeMesh.Hardware.Tests.Boards
{
    /// <summary>Every file in boards/ is valid, the validator catches each kind of mistake, and every board's radio probes in simulation.</summary>
    public sealed class BoardFileTests
    {
        private const string Valid = """
            {
              "name": "t", "platform": "linux", "gpioChip": 0,
              "spi": [ { "bus": 0, "chipSelects": [0, 1], "pins": { "sclk": 11, "mosi": 10, "miso": 9, "cs0": 8, "cs1": 7 } } ],
              "radio": { "chip": "sx1276", "spiBus": 0, "chipSelect": 1, "spiClockHz": 8000000, "pins": { "reset": 25, "dio0": 22 },
                         "region": "EU868", "frequencyHz": 868100000, "maxPowerDbm": 14, "antennaGainDbi": 2 }
            }
            """;

        public static IEnumerable<object[]> BoardNames()
        {
            return BoardCatalog.Names(BoardsDirectory()).Select(n => new object[] { n });
        }

        [Fact]
        public void The_required_boards_exist()
        {
            List<string> names = BoardCatalog.Names(BoardsDirectory());

            Assert.True(names.Count >= 6, string.Join(", ", names));
            Assert.Contains(names, n => n.StartsWith("rpi4-", StringComparison.Ordinal) && n.Contains("sx1276", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("rpi5-", StringComparison.Ordinal) && n.Contains("sx1276", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("rpi-", StringComparison.Ordinal) && n.Contains("nrf24", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("jetson-orin-nano", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("esp32s3", StringComparison.Ordinal) && n.Contains("sx1276", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("stm32", StringComparison.Ordinal) && n.Contains("nrf24", StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(BoardNames))]
        public void Every_board_file_is_valid(string name)
        {
            BoardDefinition? board = BoardCatalog.Load(BoardsDirectory(), name, out List<string> errors);

            Assert.NotNull(board);
            Assert.True(errors.Count == 0, string.Join("; ", errors));
        }

        [Theory]
        [MemberData(nameof(BoardNames))]
        public void Every_boards_radio_probes_and_configures_on_a_simulated_chip(string name)
        {
            BoardDefinition board = BoardCatalog.Load(BoardsDirectory(), name, out _)!;
            var air = new SimulatedAir(new EventScheduler(), 1);
            using BoardRadio radio = BoardRadio.OpenSimulated(board, air, 0, 0);

            Assert.True(radio.Probe(out string report), report);
            Assert.Equal(RadioResult.Ok, radio.Configure(100, 0, -1));
            Assert.DoesNotContain("not configured", radio.DescribeSettings(), StringComparison.Ordinal);
        }

        [Fact]
        public void The_template_is_valid()
        {
            Assert.Empty(Check(Valid, "t"));
        }

        [Theory]
        [InlineData("\"dio0\": 22", "\"dio0\": 8", "line 8 is used by both spi0.cs0 and radio.dio0")]
        [InlineData("\"spiBus\": 0", "\"spiBus\": 1", "SPI bus 1, which the board does not define")]
        [InlineData("\"chipSelect\": 1", "\"chipSelect\": 2", "chip select 2")]
        [InlineData("\"chip\": \"sx1276\"", "\"chip\": \"sx1262\"", "'sx1262' is not known")]
        [InlineData("\"frequencyHz\": 868100000", "\"frequencyHz\": 915000000", "outside EU868")]
        [InlineData("\"maxPowerDbm\": 14", "\"maxPowerDbm\": 20", "exceeds EU868")]
        [InlineData("\"region\": \"EU868\"", "\"region\": \"MARS\"", "region 'MARS'")]
        [InlineData(", \"dio0\": 22", "", "needs the 'dio0' pin")]
        [InlineData("\"spiClockHz\": 8000000", "\"spiClockHz\": 20000000", "spiClockHz 20000000")]
        [InlineData("\"platform\": \"linux\"", "\"platform\": \"windows\"", "platform 'windows'")]
        [InlineData("\"name\": \"t\"", "\"name\": \"u\"", "differs from the file name")]
        public void The_validator_reports_each_mistake(string from, string to, string expected)
        {
            List<string> errors = Check(Valid.Replace(from, to, StringComparison.Ordinal), "t");

            Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        }

        [Fact]
        public void Unknown_fields_and_broken_json_are_errors_not_crashes()
        {
            Assert.Contains(Check(Valid.Replace("\"gpioChip\": 0", "\"gpioChip\": 0, \"gpiochip\": 1", StringComparison.Ordinal), "t"), e => e.Contains("not a valid board file", StringComparison.Ordinal));
            Assert.Contains(Check("{ \"name\": ", "t"), e => e.Contains("not a valid board file", StringComparison.Ordinal));
            Assert.Contains(Check("null", "t"), e => e.Contains("empty", StringComparison.Ordinal));
            Assert.Contains(Check(new string(' ', BoardCatalog.MaxFileBytes + 1), "t"), e => e.Contains("larger", StringComparison.Ordinal));
        }

        [Fact]
        public void Board_names_cannot_escape_the_directory()
        {
            Assert.Null(BoardCatalog.Load(BoardsDirectory(), "../etc/passwd", out List<string> errors));
            Assert.Contains("not a plain name", errors[0], StringComparison.Ordinal);
            Assert.Null(BoardCatalog.Load(BoardsDirectory(), "no-such-board", out errors));
            Assert.Contains("known:", errors[0], StringComparison.Ordinal);
        }

        [Fact]
        public void Power_is_clamped_to_the_boards_limit()
        {
            BoardDefinition board = BoardCatalog.Load(BoardsDirectory(), "rpi4-sx1276-bonnet", out _)!;
            using BoardRadio radio = BoardRadio.OpenSimulated(board, new SimulatedAir(new EventScheduler(), 1), 0, 0);
            Assert.True(radio.Probe(out _));

            radio.Configure(20, 0, -1);

            Assert.Equal(14, radio.LoRaSettings!.OutputPowerDbm);
            Assert.Equal(14, radio.LoRaModel!.OutputPowerDbm);
        }

        internal static string BoardsDirectory()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "boards");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("boards/ not found above " + AppContext.BaseDirectory);
        }

        private static List<string> Check(string json, string name)
        {
            var errors = new List<string>();
            BoardCatalog.Parse(Encoding.UTF8.GetBytes(json), name, errors);
            return errors;
        }
    }
}
