using System;
using System.Globalization;
using System.Threading.Tasks;
using Spectre.Console;

namespace EdgeMesh.Node.Demo
{
    /// <summary>
    /// The fleet demo on an interactive terminal: one Spectre.Console table redrawn in place every
    /// second, a header with elapsed/total time and fleet-wide delivery, one row per node (gossip
    /// neighbours, peers, messages/s in and out, received, latency p50/p99). Redirected output uses
    /// <see cref="PlainDemoView"/> instead.
    /// </summary>
    internal sealed class LiveDemoView : IFleetDemoView
    {
        private readonly IAnsiConsole _console;
        private readonly Table _table = new();
        private readonly int _nodes;
        private LiveDisplayContext? _context;

        internal LiveDemoView(IAnsiConsole console, int nodes)
        {
            _console = console;
            _nodes = nodes;
            _table.Border(TableBorder.Rounded);
            _table.Title = new TableTitle(Markup.Escape($"EdgeMesh fleet demo: {nodes} nodes joining..."));
            foreach (string column in new[] { "node", "active", "peers", "in/s", "out/s", "recv", "p50 ms", "p99 ms" })
            {
                var header = new TableColumn(column).NoWrap();
                if (column != "node")
                {
                    header.RightAligned();
                }

                _table.AddColumn(header);
            }
        }

        /// <summary>Runs <paramref name="body"/> with the table on screen; it stays visible afterwards.</summary>
        internal Task<T> RunAsync<T>(Func<IFleetDemoView, Task<T>> body)
        {
            return _console.Live(_table).AutoClear(false).StartAsync(async context =>
            {
                _context = context;
                return await body(this).ConfigureAwait(false);
            });
        }

        public void Joined(int joined, int nodes, double seconds)
        {
            SetTitle(Format($"EdgeMesh fleet demo: {joined}/{nodes} nodes joined in {seconds:0.0} s"));
        }

        public void Update(FleetDemoSnapshot s)
        {
            string phase = s.Final ? Format($"done after {s.ElapsedSeconds:0.0} s") : Format($"{s.ElapsedSeconds:0}/{s.TotalSeconds:0} s");
            SetTitle(Format($"{_nodes} nodes | {phase} | {s.Delivered}/{s.Expected} delivered | {s.DeliveredPerSecond:0} msg/s | p50 {s.LatencyP50Ms:0} ms p99 {s.LatencyP99Ms:0} ms (whole run)"));
            _table.Rows.Clear();
            foreach (FleetDemoNodeRow n in s.Nodes)
            {
                _table.AddRow(
                    n.Id,
                    Format($"{n.ActivePeers}"),
                    Format($"{n.Peers}"),
                    Format($"{n.InPerSecond:0}"),
                    Format($"{n.OutPerSecond:0}"),
                    Format($"{n.Delivered}"),
                    Format($"{n.LatencyP50Ms:0}"),
                    Format($"{n.LatencyP99Ms:0}"));
            }

            _context?.Refresh();
        }

        private void SetTitle(string text)
        {
            _table.Title = new TableTitle(Markup.Escape(text));
            _context?.Refresh();
        }

        private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
