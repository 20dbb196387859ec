using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EdgeMesh.Benchmarks
{
    /// <summary>
    /// Runs the benchmark classes chosen on the command line (BenchmarkDotNet switcher). With
    /// <c>--update-doc PATH</c> first, it then rewrites each benchmarked class's block in that
    /// Markdown file (see <see cref="PerformanceDocument"/>).
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            string? document = null;
            if (args.Length >= 2 && args[0] == "--update-doc")
            {
                document = args[1];
                args = args[2..];
            }

            List<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
            if (document == null)
            {
                return 0;
            }

            if (summaries.Count == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)))
            {
                Console.Error.WriteLine("benchmarks: a benchmark failed; " + document + " left unchanged");
                return 1;
            }

            string text = File.ReadAllText(document);
            foreach (Summary summary in summaries)
            {
                text = PerformanceDocument.ReplaceBlock(text, summary, string.Join(' ', args));
            }

            File.WriteAllText(document, text);
            Console.WriteLine("benchmarks: updated " + document);
            return 0;
        }
    }
}
