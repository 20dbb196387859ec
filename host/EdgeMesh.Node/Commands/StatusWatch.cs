using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Api;
using Spectre.Console;

namespace EdgeMesh.Node.Commands
{
    /// <summary>
    /// <c>edgemesh status --watch</c>: the node's status once a second until Ctrl+C. On an
    /// interactive terminal a Spectre.Console table of peers (state, last heard, address) under a
    /// title with rates redraws in place; otherwise one line per second.
    /// </summary>
    internal static class StatusWatch
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

        internal static async Task<int> RunAsync(ApiClient client, TextWriter output, bool json, CancellationToken token)
        {
            try
            {
                if (json)
                {
                    // One compact object per line and interval (NDJSON), for scripts that read line by line.
                    await PollAsync(client, (status, _) =>
                    {
                        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(status, ApiJsonContext.Default.NodeStatus));
                        output.Flush();
                    }, token).ConfigureAwait(false);
                }
                else if (LiveTerminal.IsInteractive(AnsiConsole.Console))
                {
                    var table = new Table().Border(TableBorder.Rounded).Expand();
                    foreach (string column in new[] { "peer", "state", "heard", "address" })
                    {
                        table.AddColumn(new TableColumn(column).NoWrap());
                    }

                    await AnsiConsole.Console.Live(table).AutoClear(false).StartAsync(context =>
                        PollAsync(client, (status, rates) =>
                        {
                            table.Title = new TableTitle(Markup.Escape(Title(status, rates)));
                            table.Rows.Clear();
                            foreach (PeerInfo peer in status.Peers)
                            {
                                table.AddRow(peer.Id, peer.State, Seconds(peer.LastHeardMsAgo), Markup.Escape(peer.Address));
                            }

                            context.Refresh();
                        }, token)).ConfigureAwait(false);
                }
                else
                {
                    await PollAsync(client, (status, rates) => output.WriteLine(Title(status, rates)), token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl+C ends the watch.
            }

            return ExitCodes.Success;
        }

        /// <summary>Fetches the status every second and hands it over with the per-second rates since the previous one.</summary>
        private static async Task PollAsync(ApiClient client, Action<NodeStatus, double[]> show, CancellationToken token)
        {
            NodeStatus? previous = null;
            while (true)
            {
                NodeStatus status = await client.GetAsync("/v1/status", ApiJsonContext.Default.NodeStatus, token).ConfigureAwait(false);
                double seconds = previous == null ? 0 : Math.Max(0.001, status.UptimeSeconds - previous.UptimeSeconds);
                double[] rates = previous == null
                    ? new double[3]
                    : new[]
                    {
                        (status.Counters.FramesIn - previous.Counters.FramesIn) / seconds,
                        (status.Counters.FramesOut - previous.Counters.FramesOut) / seconds,
                        (status.Counters.Delivered - previous.Counters.Delivered) / seconds,
                    };
                show(status, rates);
                previous = status;
                await Task.Delay(Interval, token).ConfigureAwait(false);
            }
        }

        private static string Title(NodeStatus s, double[] rates)
        {
            int active = s.Peers.Count(p => p.State == "active");
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{s.NodeId} ({s.Mode}) up {s.UptimeSeconds:0} s | peers {s.Peers.Count} ({active} active) | frames/s in {rates[0]:0} out {rates[1]:0} | delivered/s {rates[2]:0} (total {s.Counters.Delivered})");
        }

        private static string Seconds(long milliseconds) => (milliseconds / 1000.0).ToString("0.0 s", CultureInfo.InvariantCulture);
    }
}
