using System;
using System.Collections.Generic;

namespace EdgeMesh.Hardware.Simulation.Air
{
    /// <summary>
    /// Simulated time for chip models and the drivers that run against them. It is the drivers'
    /// <see cref="IHardwareClock"/>: a driver's <c>Delay</c> advances simulated time and runs every
    /// event due meanwhile (a transmission ending, an acknowledgement arriving), so bounded waits in a
    /// driver see the chip change state exactly as on a board, with no real sleeping. Events at the same
    /// instant run in the order they were scheduled, so runs are deterministic.
    /// </summary>
    public sealed class EventScheduler : IHardwareClock
    {
        private readonly PriorityQueue<Action, (long At, long Order)> _queue = new PriorityQueue<Action, (long, long)>();
        private long _order;

        /// <inheritdoc />
        public long NowMicroseconds { get; private set; }

        /// <summary>Events still queued.</summary>
        public int Pending
        {
            get { return _queue.Count; }
        }

        /// <summary>Time of the next queued event, or <see cref="long.MaxValue"/> when none is queued.</summary>
        public long NextEventAt
        {
            get { return _queue.TryPeek(out _, out (long At, long Order) key) ? key.At : long.MaxValue; }
        }

        /// <summary>Runs <paramref name="action"/> at <paramref name="atMicroseconds"/> (now, if that is past).</summary>
        public void At(long atMicroseconds, Action action)
        {
            _queue.Enqueue(action, (Math.Max(atMicroseconds, NowMicroseconds), _order++));
        }

        /// <summary>Runs <paramref name="action"/> after <paramref name="delayMicroseconds"/>.</summary>
        public void After(long delayMicroseconds, Action action)
        {
            At(NowMicroseconds + delayMicroseconds, action);
        }

        /// <inheritdoc />
        public void Delay(int microseconds)
        {
            RunUntil(NowMicroseconds + microseconds);
        }

        /// <summary>Runs every event due up to <paramref name="untilMicroseconds"/>, then sets the time to it.</summary>
        public void RunUntil(long untilMicroseconds)
        {
            while (_queue.TryPeek(out _, out (long At, long Order) key) && key.At <= untilMicroseconds)
            {
                Action action = _queue.Dequeue();
                NowMicroseconds = key.At;
                action();
            }

            if (untilMicroseconds > NowMicroseconds)
            {
                NowMicroseconds = untilMicroseconds;
            }
        }

        /// <summary>Runs the next event, if any; false when none is queued.</summary>
        public bool Step()
        {
            if (!_queue.TryPeek(out _, out (long At, long Order) key))
            {
                return false;
            }

            RunUntil(key.At);
            return true;
        }
    }
}
