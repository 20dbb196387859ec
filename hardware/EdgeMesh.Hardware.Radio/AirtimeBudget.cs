namespace EdgeMesh.Hardware.Radio
{
    /// <summary>
    /// Duty-cycle limit as a token bucket of transmit time, in integer microseconds. With duty cycle d
    /// over a window W the bucket holds C = max(d·W/10, the longest packet) and refills at
    /// (d·W − C)/W, so the most any sliding window of length W can use is C + (d·W − C) = d·W: the
    /// limit holds exactly, not just on average (EU868 at 1 % per hour: 3.6 s of burst, 32.4 s per hour
    /// sustained; at SF12 the 9 s packet sets the burst and the rest refills). A duty cycle of
    /// 1 000 000 ppm means no limit. Allocates nothing.
    /// </summary>
    public sealed class AirtimeBudget
    {
        /// <summary>Duty cycle meaning "unlimited".</summary>
        public const int Unlimited = 1000000;

        private readonly long _capacityUs;
        private readonly long _refillPerWindowUs;
        private readonly long _windowUs;
        private long _tokensUs;
        private long _lastUs;
        private long _remainder;

        /// <summary>
        /// A budget of <paramref name="dutyCyclePpm"/> parts per million over <paramref name="windowMs"/>,
        /// starting full, able to grant one packet of <paramref name="longestPacketUs"/>.
        /// </summary>
        /// <exception cref="System.ArgumentOutOfRangeException">The duty cycle is out of range, or one packet exceeds the whole window's budget.</exception>
        public AirtimeBudget(int dutyCyclePpm, long windowMs, long longestPacketUs, long nowUs)
        {
            if (dutyCyclePpm < 1 || dutyCyclePpm > Unlimited || windowMs < 1 || longestPacketUs < 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(dutyCyclePpm));
            }

            DutyCyclePpm = dutyCyclePpm;
            _windowUs = windowMs * 1000;
            // windowMs · 1000 · ppm stays below 2^63 for windows up to 29 years.
            long budgetUs = _windowUs * dutyCyclePpm / 1000000;
            long capacity = budgetUs / 10;
            if (capacity < longestPacketUs)
            {
                capacity = longestPacketUs;
            }

            if (dutyCyclePpm != Unlimited && capacity > budgetUs)
            {
                throw new System.ArgumentOutOfRangeException(nameof(longestPacketUs), "one packet needs more airtime than the duty cycle allows per window");
            }

            _capacityUs = capacity;
            _refillPerWindowUs = budgetUs - capacity;
            _tokensUs = capacity;
            _lastUs = nowUs;
        }

        /// <summary>The duty cycle, ppm.</summary>
        public int DutyCyclePpm { get; }

        /// <summary>Transmit time granted so far, µs.</summary>
        public long UsedUs { get; private set; }

        /// <summary>Requests refused for lack of budget.</summary>
        public long Refusals { get; private set; }

        /// <summary>Transmit time available now, µs.</summary>
        public long AvailableUs(long nowUs)
        {
            Refill(nowUs);
            return DutyCyclePpm == Unlimited ? long.MaxValue : _tokensUs;
        }

        /// <summary>Takes <paramref name="airtimeUs"/> from the budget if it is there; false (counted) otherwise.</summary>
        public bool TryConsume(long airtimeUs, long nowUs)
        {
            if (DutyCyclePpm == Unlimited)
            {
                UsedUs += airtimeUs;
                return true;
            }

            Refill(nowUs);
            if (airtimeUs > _tokensUs)
            {
                Refusals++;
                return false;
            }

            _tokensUs -= airtimeUs;
            UsedUs += airtimeUs;
            return true;
        }

        private void Refill(long nowUs)
        {
            long elapsed = nowUs - _lastUs;
            if (elapsed <= 0)
            {
                return;
            }

            _lastUs = nowUs;
            // tokens += elapsed · refill / window, carrying the division's remainder so nothing is lost
            // or gained by polling often; split to stay far from overflow.
            long whole = elapsed / _windowUs;
            long part = elapsed % _windowUs;
            long numerator = (part * _refillPerWindowUs) + _remainder;
            long added = (whole * _refillPerWindowUs) + (numerator / _windowUs);
            _remainder = numerator % _windowUs;
            _tokensUs = _tokensUs + added >= _capacityUs ? _capacityUs : _tokensUs + added;
            if (_tokensUs == _capacityUs)
            {
                _remainder = 0;
            }
        }
    }
}
