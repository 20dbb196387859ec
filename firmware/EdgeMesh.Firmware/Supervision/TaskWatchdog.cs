namespace EdgeMesh.Firmware.Supervision
{
    /// <summary>
    /// A software task watchdog: every task of the main loop (radio service, control, reporting)
    /// checks in with the time; a supervisor — a Timer thread on the device, the simulator on the
    /// host — asks <see cref="Check"/> whether any task has been silent longer than the timeout, and
    /// if so stops the motors and resets the board. Times are stored as 32-bit milliseconds because
    /// an int write is atomic on every target (the device's Interlocked is int-only), so check-ins and
    /// the supervisor need no lock; comparisons use wrap-around arithmetic.
    /// </summary>
    public sealed class TaskWatchdog
    {
        /// <summary>Most tasks one watchdog watches.</summary>
        public const int MaxTasks = 8;

        private readonly int[] _lastCheckIn;
        private readonly int _timeoutMs;

        /// <summary>Watches <paramref name="taskCount"/> tasks, all considered alive at <paramref name="nowMs"/>.</summary>
        public TaskWatchdog(int taskCount, int timeoutMs, long nowMs)
        {
            if (taskCount < 1 || taskCount > MaxTasks)
            {
                throw new System.ArgumentOutOfRangeException(nameof(taskCount));
            }

            if (timeoutMs < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(timeoutMs));
            }

            _lastCheckIn = new int[taskCount];
            _timeoutMs = timeoutMs;
            for (int i = 0; i < taskCount; i++)
            {
                _lastCheckIn[i] = (int)nowMs;
            }
        }

        /// <summary>How long a task may stay silent, ms.</summary>
        public int TimeoutMs
        {
            get { return _timeoutMs; }
        }

        /// <summary>Times <see cref="Check"/> found a silent task.</summary>
        public long Expirations { get; private set; }

        /// <summary>The task that was silent at the last expiry, or -1.</summary>
        public int LastExpiredTask { get; private set; } = -1;

        /// <summary>Task <paramref name="task"/> is alive at <paramref name="nowMs"/>.</summary>
        public void CheckIn(int task, long nowMs)
        {
            if (task >= 0 && task < _lastCheckIn.Length)
            {
                _lastCheckIn[task] = (int)nowMs;
            }
        }

        /// <summary>True (and counted) when some task has not checked in for longer than the timeout.</summary>
        public bool Check(long nowMs)
        {
            int now = (int)nowMs;
            for (int i = 0; i < _lastCheckIn.Length; i++)
            {
                if (now - _lastCheckIn[i] > _timeoutMs)
                {
                    Expirations++;
                    LastExpiredTask = i;
                    return true;
                }
            }

            return false;
        }
    }
}
