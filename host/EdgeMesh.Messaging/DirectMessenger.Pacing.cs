using System;
using System.Collections.Generic;

namespace EdgeMesh.Messaging
{
    /// <content>
    /// Fragment pacing: a token bucket of <see cref="DmOptions.FragmentBurst"/> fragments refilled at
    /// <see cref="DmOptions.FragmentsPerSecond"/> by the caller's clock. Fragments beyond the budget wait
    /// in a queue that shares <see cref="DmOptions.TransmitQueueCapacity"/> with the ready packets (drops
    /// counted as <see cref="DmCounter.TransmitQueueDrops"/>); <see cref="NextDeadlineMs"/> names when
    /// the next one may leave and <see cref="Tick"/> releases it.
    /// </content>
    public sealed partial class DirectMessenger
    {
        /// <summary>Budget units per fragment: the bucket counts thousandths so a per-second rate refills per millisecond in integers.</summary>
        private const long CreditPerFragment = 1000;

        private readonly Queue<DmTransmission> _paced = new Queue<DmTransmission>();
        private long _pacingCredit;
        private long _pacingRefilledMs = long.MinValue;

        /// <summary>Fragments waiting for pacing budget.</summary>
        public int PacedCount => _paced.Count;

        /// <summary>When the next waiting fragment may leave (<see cref="long.MaxValue"/> when none waits).</summary>
        private long NextPacingMs
        {
            get
            {
                if (_paced.Count == 0)
                {
                    return long.MaxValue;
                }

                long missing = CreditPerFragment - _pacingCredit;
                return _pacingRefilledMs + ((missing + _options.FragmentsPerSecond - 1) / _options.FragmentsPerSecond);
            }
        }

        private void EnqueueFragment(in DmTransmission transmission, long nowMs)
        {
            if (_transmit.Count + _paced.Count >= _options.TransmitQueueCapacity)
            {
                _counters[(int)DmCounter.TransmitQueueDrops]++;
                return;
            }

            _paced.Enqueue(transmission);
            ReleasePaced(nowMs);
            if (_paced.Count > 0)
            {
                // First in, first out: the fragment just queued is among those still waiting.
                _counters[(int)DmCounter.FragmentsPaced]++;
            }
        }

        /// <summary>Refills the bucket up to <paramref name="nowMs"/> and moves the fragments it pays for to the transmit queue.</summary>
        private void ReleasePaced(long nowMs)
        {
            long capacity = _options.FragmentBurst * CreditPerFragment;
            if (_pacingRefilledMs == long.MinValue)
            {
                _pacingCredit = capacity;
                _pacingRefilledMs = nowMs;
            }
            else if (nowMs > _pacingRefilledMs)
            {
                long elapsed = nowMs - _pacingRefilledMs;
                long rate = _options.FragmentsPerSecond; // credit per millisecond
                _pacingCredit = elapsed >= capacity / rate + 1 ? capacity : Math.Min(capacity, _pacingCredit + (elapsed * rate));
                _pacingRefilledMs = nowMs;
            }

            while (_paced.Count > 0 && _pacingCredit >= CreditPerFragment)
            {
                _transmit.Enqueue(_paced.Dequeue());
                _pacingCredit -= CreditPerFragment;
            }
        }
    }
}
