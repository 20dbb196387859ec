#if NANOFRAMEWORK_1_0
namespace EdgeMesh.Hardware.NanoFramework
{
    /// <summary>
    /// <see cref="IHardwareClock"/> on nanoFramework. mscorlib there has no monotonic counter, so time
    /// is DateTime.UtcNow in microseconds: the firmware must set the RTC once at boot (or never), not
    /// while radios run, or a deadline can jump. Delays use Thread.Sleep rounded up to whole
    /// milliseconds (the finest sleep available); every settling time the drivers wait for is shorter,
    /// so rounding up only makes them safer.
    /// </summary>
    public sealed class NanoClock : IHardwareClock
    {
        /// <inheritdoc />
        public long NowMicroseconds
        {
            get { return System.DateTime.UtcNow.Ticks / 10; }
        }

        /// <inheritdoc />
        public void Delay(int microseconds)
        {
            System.Threading.Thread.Sleep((microseconds + 999) / 1000);
        }
    }
}
#endif
