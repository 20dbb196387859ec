using System;
using System.Diagnostics;

namespace EdgeMesh.Simulation
{
    /// <summary>Time helpers of the scenarios: seconds to simulated microseconds, and the wall-clock timing of a simulation loop.</summary>
    internal static class SimClock
    {
        /// <summary>Seconds to whole microseconds (simulated time), rounded.</summary>
        internal static long Us(double seconds)
        {
            return (long)Math.Round(seconds * 1_000_000);
        }

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
