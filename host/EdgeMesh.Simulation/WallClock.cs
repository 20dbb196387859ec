using System;
using System.Diagnostics;

namespace EdgeMesh.Simulation
{
    /// <summary>Times a simulation loop for the wall-clock figures of the reports.</summary>
    internal static class WallClock
    {
        /// <summary>Runs <paramref name="loop"/>; returns its wall seconds and the events per wall second.</summary>
        internal static (double Seconds, double EventsPerSecond) Time(Action loop, Func<long> events)
        {
            var watch = Stopwatch.StartNew();
            loop();
            watch.Stop();
            double seconds = watch.Elapsed.TotalSeconds;
            return (seconds, seconds > 0 ? events() / seconds : 0);
        }
    }
}
