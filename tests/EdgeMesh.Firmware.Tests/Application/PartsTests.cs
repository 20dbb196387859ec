using EdgeMesh.Firmware.Host.Simulation;
using EdgeMesh.Firmware.Link;
using EdgeMesh.Firmware.Motion;
using EdgeMesh.Firmware.Sensors;
using EdgeMesh.Firmware.Supervision;
using EdgeMesh.Protocol.Payloads;

namespace EdgeMesh.Firmware.Tests.Application
{
    /// <summary>The application's parts one by one: battery monitor, motion, watchdog, duty cycle.</summary>
    public sealed class PartsTests
    {
        [Fact]
        public void Ina219_reads_bus_voltage_and_current_through_the_shunt()
        {
            var chip = new SimulatedIna219(0x40, 100, 3750) { CurrentMilliamps = 420 };
            var monitor = new Ina219(chip, 100);

            Assert.True(monitor.Initialize());
            Assert.True(monitor.TryRead(out BatteryReading reading));

            Assert.Equal(3748, reading.BusMillivolts); // 4 mV steps
            Assert.Equal(420, reading.CurrentMilliamps);
            chip.CurrentMilliamps = -150; // charging: the shunt voltage is negative
            Assert.True(monitor.TryRead(out reading));
            Assert.Equal(-150, reading.CurrentMilliamps);
        }

        [Fact]
        public void Ina219_that_does_not_answer_is_a_counted_failure()
        {
            var chip = new SimulatedIna219(0x40, 100, 3750) { Responding = false };
            var monitor = new Ina219(chip, 100);

            Assert.False(monitor.Initialize());
            Assert.False(monitor.IsPresent);
            Assert.False(monitor.TryRead(out _));
            Assert.Equal(2, monitor.Failures);
        }

        [Fact]
        public void Motion_drives_a_differential_pair_and_stops_at_the_command_timeout()
        {
            var left = new RecordingMotor();
            var right = new RecordingMotor();
            var motion = new MotionController(left, right, wheelTrackMm: 200, maxWheelSpeedMmPerSecond: 600, commandTimeoutMs: 500);

            Assert.Equal(MotionVerdict.Applied, motion.Apply(new MotionCommand(1, new Vector3F(0.3f, 0, 0), new Vector3F(0, 0, 1f), 2000), 1000));
            Assert.Equal(333, left.Duty);  // (300 − 100) mm/s of 600
            Assert.Equal(666, right.Duty); // (300 + 100) mm/s

            motion.Tick(1499);
            Assert.True(motion.IsMoving);
            motion.Tick(1500); // the 2 s duration is capped by the 500 ms command timeout
            Assert.False(motion.IsMoving);
            Assert.Equal(0, left.Duty);
            Assert.Equal(0, right.Duty);
            Assert.Equal(1, motion.TimeoutStops);
        }

        [Fact]
        public void Motion_ignores_stale_and_non_finite_commands_and_obeys_stop()
        {
            var left = new RecordingMotor();
            var right = new RecordingMotor();
            var motion = new MotionController(left, right, 200, 600, 500);

            Assert.Equal(MotionVerdict.Applied, motion.Apply(new MotionCommand(5, new Vector3F(1f, 0, 0), default, 100), 0));
            Assert.Equal(1000, left.Duty); // clamped at full duty
            Assert.Equal(MotionVerdict.Stale, motion.Apply(new MotionCommand(4, new Vector3F(-1f, 0, 0), default, 100), 10));
            Assert.Equal(1000, left.Duty);
            Assert.Equal(MotionVerdict.Invalid, motion.Apply(new MotionCommand(6, new Vector3F(float.NaN, 0, 0), default, 100), 20));
            Assert.Equal(MotionVerdict.Stopped, motion.Apply(MotionCommand.Stop(7), 30));
            Assert.Equal(0, left.Duty);
            Assert.Equal(1, motion.Stale);
            Assert.Equal(1, motion.Invalid);
            Assert.Equal(1, motion.StopCommands);
        }

        [Fact]
        public void Watchdog_fires_for_the_task_that_went_silent()
        {
            var watchdog = new TaskWatchdog(3, 2000, 0);
            for (long t = 0; t <= 5000; t += 100)
            {
                watchdog.CheckIn(0, t);
                watchdog.CheckIn(2, t);
                if (t <= 1000)
                {
                    watchdog.CheckIn(1, t);
                }

                bool expired = watchdog.Check(t);
                Assert.Equal(t > 3000, expired);
                if (expired)
                {
                    Assert.Equal(1, watchdog.LastExpiredTask);
                    break;
                }
            }

            Assert.Equal(1, watchdog.Expirations);
        }

        [Fact]
        public void Duty_cycle_budget_refills_at_the_allowed_share()
        {
            var budget = new DutyCycleBudget(perMille: 10, windowMs: 60_000, nowMs: 0); // 1 %: 600 ms per minute

            Assert.True(budget.TrySpend(600_000, 0));
            Assert.False(budget.TrySpend(1_000, 0));
            Assert.Equal(100_000, budget.AvailableMicroseconds(10_000)); // 1 % of 10 s
            Assert.False(budget.TrySpend(150_000, 10_000));
            Assert.True(budget.TrySpend(100_000, 10_000));
            Assert.Equal(600_000, budget.AvailableMicroseconds(1_000_000)); // capped at one window's share
            Assert.Equal(700_000, budget.SpentMicroseconds);
        }
    }
}
