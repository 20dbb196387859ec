namespace EdgeMesh.Firmware.Link
{
    /// <summary>
    /// Airtime allowance for a regulated band (EU868: 1 % or 10 % per sub-band), as a token bucket:
    /// airtime accrues at the allowed share of elapsed time up to the share of one window, and each
    /// transmission spends its time on air. A frame whose airtime is not covered waits.
    /// </summary>
    public sealed class DutyCycleBudget
    {
        private readonly long _capacityUs;
        private readonly int _perMille;
        private long _availableUs;
        private long _lastMs;

        /// <summary>Allows <paramref name="perMille"/> ‰ of airtime over windows of <paramref name="windowMs"/>; starts full.</summary>
        public DutyCycleBudget(int perMille, int windowMs, long nowMs)
        {
            if (perMille < 1 || perMille > 1000 || windowMs < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(perMille));
            }

            _perMille = perMille;
            _capacityUs = (long)windowMs * perMille; // windowMs · 1000 µs/ms · perMille / 1000
            _availableUs = _capacityUs;
            _lastMs = nowMs;
        }

        /// <summary>Airtime that may be spent now, µs.</summary>
        public long AvailableMicroseconds(long nowMs)
        {
            Refill(nowMs);
            return _availableUs;
        }

        /// <summary>Total airtime spent, µs.</summary>
        public long SpentMicroseconds { get; private set; }

        /// <summary>
        /// Spends <paramref name="airtimeUs"/> if available; false (nothing spent) otherwise. A frame
        /// longer than a whole window's allowance goes out once the allowance is full, so it waits
        /// longest but never blocks the queue for good.
        /// </summary>
        public bool TrySpend(long airtimeUs, long nowMs)
        {
            Refill(nowMs);
            long needed = airtimeUs < _capacityUs ? airtimeUs : _capacityUs;
            if (_perMille < 1000 && needed > _availableUs)
            {
                return false;
            }

            _availableUs -= airtimeUs;
            if (_availableUs < 0)
            {
                _availableUs = 0;
            }

            SpentMicroseconds += airtimeUs;
            return true;
        }

        private void Refill(long nowMs)
        {
            if (nowMs <= _lastMs)
            {
                return;
            }

            _availableUs += (nowMs - _lastMs) * _perMille; // ms · 1000 µs/ms · perMille / 1000
            if (_availableUs > _capacityUs)
            {
                _availableUs = _capacityUs;
            }

            _lastMs = nowMs;
        }
    }
}
