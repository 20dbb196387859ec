using BenchmarkDotNet.Running;

namespace EdgeMesh.Benchmarks
{
    /// <summary>Runs the benchmark classes chosen on the command line (BenchmarkDotNet switcher).</summary>
    internal static class Program
    {
        private static void Main(string[] args)
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
