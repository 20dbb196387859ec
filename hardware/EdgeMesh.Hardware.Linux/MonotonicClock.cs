using System.Diagnostics;
using System.Threading;

namespace EdgeMesh.Hardware.Linux
{
    /// <summary>
    /// <see cref="IHardwareClock"/> on the host's monotonic clock. Delays of a millisecond or more sleep;
    /// shorter ones (radio settling, CE pulses) spin until the deadline, which is bounded by the
    /// requested time itself.
    /// </summary>
    public sealed class MonotonicClock : IHardwareClock
    {
        /// <summary>One instance serves a process.</summary>
        public static MonotonicClock Shared { get; } = new MonotonicClock();

        /// <inheritdoc />
        public long NowMicroseconds
        {
            get
            {
                // Split to avoid overflowing ticks · 10^6 after a few hours of uptime.
                long ticks = Stopwatch.GetTimestamp();
                long frequency = Stopwatch.Frequency;
                return ((ticks / frequency) * 1000000) + ((ticks % frequency) * 1000000 / frequency);
            }
        }

        /// <inheritdoc />
        public void Delay(int microseconds)
        {
            if (microseconds >= 1000)
            {
                Thread.Sleep(microseconds / 1000);
            }

            long deadline = NowMicroseconds + (microseconds % 1000);
            var spinner = default(SpinWait);
            while (NowMicroseconds < deadline)
            {
                spinner.SpinOnce(-1);
            }
        }
    }
}
