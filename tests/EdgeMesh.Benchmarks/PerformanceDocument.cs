using System;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace EdgeMesh.Benchmarks
{
    /// <summary>
    /// Writes one benchmark class's results into docs/performance.md between
    /// <c>&lt;!-- bench:Class --&gt;</c> and <c>&lt;!-- /bench:Class --&gt;</c>, appending the block
    /// when it is missing, so running one class leaves the others' figures in place.
    /// </summary>
    internal static class PerformanceDocument
    {
        internal static string ReplaceBlock(string document, Summary summary, string arguments)
        {
            string name = summary.BenchmarksCases.First().Descriptor.Type.Name;
            string begin = "<!-- bench:" + name + " -->";
            string end = "<!-- /bench:" + name + " -->";
            string block = begin + "\n" + Render(name, summary, arguments) + end;
            int start = document.IndexOf(begin, StringComparison.Ordinal);
            int stop = document.IndexOf(end, StringComparison.Ordinal);
            if (start >= 0 && stop > start)
            {
                return document[..start] + block + document[(stop + end.Length)..];
            }

            return document.TrimEnd() + "\n\n" + block + "\n";
        }

        private static string Render(string name, Summary summary, string arguments)
        {
            var host = summary.HostEnvironmentInfo;
            var text = new StringBuilder();
            text.Append("#### ").Append(name).Append("\n\n");
            text.Append(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {host.CpuInfo.Value.ProcessorName} ({Environment.ProcessorCount} cores), {host.OsVersion.Value}, {host.RuntimeVersion}; ");
            text.Append("command: `bash tests/bench.sh '").Append(ArgumentFilter(arguments)).Append("'`.\n\n");
            text.Append("| benchmark | mean | ± error | operations/s | allocated |\n|---|---:|---:|---:|---:|\n");
            foreach (BenchmarkReport report in summary.Reports)
            {
                double meanNs = report.ResultStatistics?.Mean ?? double.NaN;
                double errorNs = report.ResultStatistics?.ConfidenceInterval.Margin ?? double.NaN;
                long allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
                text.Append(CultureInfo.InvariantCulture,
                    $"| {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} | {Time(meanNs)} | {Time(errorNs)} | {1e9 / meanNs:N0} | {allocated} B |\n");
            }

            return text.Append('\n').ToString();
        }

        private static string ArgumentFilter(string arguments)
        {
            int at = arguments.IndexOf("--filter ", StringComparison.Ordinal);
            return at < 0 ? "*" : arguments[(at + 9)..].Split(' ')[0];
        }

        private static string Time(double ns)
        {
            return ns >= 10_000
                ? (ns / 1000).ToString("N1", CultureInfo.InvariantCulture) + " µs"
                : ns.ToString("N1", CultureInfo.InvariantCulture) + " ns";
        }
    }
}
