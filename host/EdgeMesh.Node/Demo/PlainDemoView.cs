using System.Globalization;
using System.IO;
using System.Linq;

namespace EdgeMesh.Node.Demo
{
    /// <summary>One line per second for redirected output (logs, CI): fleet-wide figures only.</summary>
    internal sealed class PlainDemoView : IFleetDemoView
    {
        private readonly TextWriter _output;

        internal PlainDemoView(TextWriter output)
        {
            _output = output;
        }

        public void Joined(int joined, int nodes, double seconds)
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{joined}/{nodes} nodes joined in {seconds:0.0} s"));
        }

        public void Update(FleetDemoSnapshot s)
        {
            int min = s.Nodes.Count == 0 ? 0 : s.Nodes.Min(n => n.ActivePeers);
            double avg = s.Nodes.Count == 0 ? 0 : s.Nodes.Average(n => n.ActivePeers);
            _output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {(s.Final ? "final" : string.Empty)}{s.ElapsedSeconds,4:0}/{s.TotalSeconds:0} s | active neighbours min {min} avg {avg:0.0} | delivered {s.Delivered}/{s.Expected} | {s.DeliveredPerSecond:0} msg/s | latency p50 {s.LatencyP50Ms:0} ms p99 {s.LatencyP99Ms:0} ms"));
        }
    }
}
