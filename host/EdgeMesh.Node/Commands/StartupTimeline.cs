using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EdgeMesh.Node.Commands
{
    /// <summary>
    /// Where `edgemesh run` spends its start-up: named steps timed with <see cref="Stopwatch"/> from
    /// the moment the command began, plus the time the process had already lived by then (from the
    /// kernel's process start time, which has a 10 ms tick). Printed once in the "ready" log line.
    /// </summary>
    internal sealed class StartupTimeline
    {
        private readonly long _begun = Stopwatch.GetTimestamp();
        private readonly List<KeyValuePair<string, double>> _steps = new();
        private long _last;

        internal StartupTimeline()
        {
            _last = _begun;
        }

        /// <summary>Milliseconds from process start (kernel clock, 10 ms resolution) to now.</summary>
        internal static double SinceProcessStartMs()
        {
            using var self = Process.GetCurrentProcess();
            return (DateTime.Now - self.StartTime).TotalMilliseconds;
        }

        /// <summary>Ends the step called <paramref name="name"/> now.</summary>
        internal void Mark(string name)
        {
            long now = Stopwatch.GetTimestamp();
            _steps.Add(new KeyValuePair<string, double>(name, Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds));
            _last = now;
        }

        /// <summary>Records a step timed elsewhere (one that ran beside the others).</summary>
        internal void Add(string name, double milliseconds)
        {
            _steps.Add(new KeyValuePair<string, double>(name, milliseconds));
        }

        /// <summary>"name 1.2 ms, ..." for every step, then the total since the command began.</summary>
        internal string Describe()
        {
            var text = new StringBuilder();
            foreach (KeyValuePair<string, double> step in _steps)
            {
                text.Append(CultureInfo.InvariantCulture, $"{step.Key} {step.Value:0.0} ms, ");
            }

            return text.Append(CultureInfo.InvariantCulture, $"command total {Stopwatch.GetElapsedTime(_begun).TotalMilliseconds:0.0} ms").ToString();
        }
    }
}
