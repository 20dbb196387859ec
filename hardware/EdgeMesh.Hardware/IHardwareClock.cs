namespace EdgeMesh.Hardware
{
    /// <summary>
    /// Time for drivers: a monotonic microsecond counter and a delay. Drivers never read a wall clock
    /// and never spin on a register without a deadline taken from here, so the simulated clock of the
    /// chip models (where a delay advances simulated time) and a real board's timer drive the same code.
    /// </summary>
    public interface IHardwareClock
    {
        /// <summary>Monotonic time, microseconds since an arbitrary origin.</summary>
        long NowMicroseconds { get; }

        /// <summary>Waits at least <paramref name="microseconds"/> (chip settling times, reset pulses).</summary>
        void Delay(int microseconds);
    }
}
