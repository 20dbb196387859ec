using System;
using System.Threading;

namespace EdgeMesh.Transport
{
    /// <summary>Thread-safe counters of one transport, indexed by <see cref="TransportCounter"/>.</summary>
    public sealed class TransportCounters
    {
        /// <summary>Number of <see cref="TransportCounter"/> values.</summary>
        public const int Count = 17;

        private readonly long[] _values = new long[Count];

        /// <summary>The current value of <paramref name="counter"/>.</summary>
        public long this[TransportCounter counter] => Interlocked.Read(ref _values[(int)counter]);

        /// <summary>Adds one to <paramref name="counter"/>.</summary>
        public void Increment(TransportCounter counter)
        {
            Interlocked.Increment(ref _values[(int)counter]);
        }

        /// <summary>Adds <paramref name="amount"/> to <paramref name="counter"/>.</summary>
        public void Add(TransportCounter counter, long amount)
        {
            Interlocked.Add(ref _values[(int)counter], amount);
        }

        /// <summary>Copies every value into <paramref name="destination"/> (at least <see cref="Count"/> long).</summary>
        public void CopyTo(Span<long> destination)
        {
            for (int i = 0; i < Count; i++)
            {
                destination[i] = Interlocked.Read(ref _values[i]);
            }
        }
    }
}
