using EdgeMesh.Protocol.Payloads;

namespace EdgeMesh.Firmware.Motion
{
    /// <summary>
    /// Turns MotionCommands into the two wheel outputs of a differential drive and stops them when
    /// commands stop: each command holds for its duration, but never longer than the provisioned
    /// command timeout, so an operator (or gateway) that goes silent leaves the robot standing, not
    /// driving. Sans-IO: time is passed in; <see cref="Tick"/> enforces the deadline.
    /// </summary>
    public sealed class MotionController
    {
        private const int MaxDuty = 1000;

        private readonly IMotorChannel _left;
        private readonly IMotorChannel _right;
        private readonly int _halfTrackMm;
        private readonly int _maxSpeedMmPerSecond;
        private readonly int _commandTimeoutMs;
        private long _deadlineMs;
        private uint _sequence;

        /// <summary>Creates the controller with both motors stopped.</summary>
        public MotionController(IMotorChannel left, IMotorChannel right, int wheelTrackMm, int maxWheelSpeedMmPerSecond, int commandTimeoutMs)
        {
            if (left == null || right == null)
            {
                throw new System.ArgumentNullException(left == null ? nameof(left) : nameof(right));
            }

            if (wheelTrackMm < 1 || maxWheelSpeedMmPerSecond < 1 || commandTimeoutMs < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(commandTimeoutMs));
            }

            _left = left;
            _right = right;
            _halfTrackMm = wheelTrackMm / 2;
            _maxSpeedMmPerSecond = maxWheelSpeedMmPerSecond;
            _commandTimeoutMs = commandTimeoutMs;
            Halt();
        }

        /// <summary>True while a command drives the motors.</summary>
        public bool IsMoving { get; private set; }

        /// <summary>When the running command ends (meaningful while <see cref="IsMoving"/>).</summary>
        public long DeadlineMs
        {
            get { return IsMoving ? _deadlineMs : long.MaxValue; }
        }

        /// <summary>Commands that set the motors.</summary>
        public long Applied { get; private set; }

        /// <summary>Stop commands handled.</summary>
        public long StopCommands { get; private set; }

        /// <summary>Commands ignored as not newer than the running one.</summary>
        public long Stale { get; private set; }

        /// <summary>Commands ignored for non-finite speeds.</summary>
        public long Invalid { get; private set; }

        /// <summary>Times the motors were stopped because no command came before the deadline.</summary>
        public long TimeoutStops { get; private set; }

        /// <summary>Times the motors were stopped by <see cref="EmergencyStop"/> (watchdog, fault).</summary>
        public long EmergencyStops { get; private set; }

        /// <summary>Executes a command received at <paramref name="nowMs"/>.</summary>
        public MotionVerdict Apply(in MotionCommand command, long nowMs)
        {
            if (IsMoving && (int)(command.Sequence - _sequence) <= 0)
            {
                Stale++;
                return MotionVerdict.Stale;
            }

            if (!command.Linear.IsFinite || !command.Angular.IsFinite)
            {
                Invalid++;
                return MotionVerdict.Invalid;
            }

            if (command.IsStop)
            {
                Halt();
                StopCommands++;
                return MotionVerdict.Stopped;
            }

            // Differential drive: v ± ω·(track/2), in mm/s, as a share of full speed.
            float linear = command.Linear.X * 1000f;
            float turn = command.Angular.Z * _halfTrackMm;
            _left.SetDuty(ToDuty(linear - turn));
            _right.SetDuty(ToDuty(linear + turn));
            long hold = command.DurationMs > (uint)_commandTimeoutMs ? _commandTimeoutMs : command.DurationMs; // duration 0 is a stop, handled above
            _deadlineMs = nowMs + hold;
            _sequence = command.Sequence;
            IsMoving = true;
            Applied++;
            return MotionVerdict.Applied;
        }

        /// <summary>Stops the motors once the running command's deadline has passed.</summary>
        public void Tick(long nowMs)
        {
            if (IsMoving && nowMs >= _deadlineMs)
            {
                Halt();
                TimeoutStops++;
            }
        }

        /// <summary>Stops both motors at once, whatever command runs.</summary>
        public void EmergencyStop()
        {
            Halt();
            EmergencyStops++;
        }

        private int ToDuty(float speedMmPerSecond)
        {
            float duty = speedMmPerSecond * MaxDuty / _maxSpeedMmPerSecond;
            if (duty > MaxDuty)
            {
                return MaxDuty;
            }

            return duty < -MaxDuty ? -MaxDuty : (int)duty;
        }

        private void Halt()
        {
            _left.SetDuty(0);
            _right.SetDuty(0);
            IsMoving = false;
        }
    }
}
