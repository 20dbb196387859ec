using EdgeMesh.Firmware.Application;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>
    /// One simulated microcontroller board running the firmware: its radio's chip model (SX1276 or
    /// nRF24L01+) on the simulated air driven by the real driver, a simulated INA219 and two recording motor outputs, booted
    /// from a provisioning record exactly as the device boots from its config flash. A watchdog reset
    /// reboots it (boot count + 1) on the same hardware.
    /// </summary>
    public sealed class SimulatedBoard
    {
        private readonly EventScheduler _clock;
        private readonly byte[] _record;
        private readonly FirmwareBoot _boot = new FirmwareBoot();

        /// <summary>Places a board at (<paramref name="x"/>, <paramref name="y"/>) metres with its provisioning record.</summary>
        public SimulatedBoard(SimulatedAir air, EventScheduler clock, byte[] provisioningRecord, RadioChip chip, double x, double y)
        {
            _clock = clock;
            _record = provisioningRecord;
            X = x;
            Radio = new SimulatedRadio(chip, air, clock, x, y);
            Battery = new SimulatedIna219(0x40, 100, 4000);
            Left = new RecordingMotor();
            Right = new RecordingMotor();
            Reset = new SimulatedReset();
        }

        /// <summary>Distance from the origin along the line, metres.</summary>
        public double X { get; }

        /// <summary>The radio: chip model and real driver.</summary>
        public SimulatedRadio Radio { get; }

        /// <summary>The battery monitor.</summary>
        public SimulatedIna219 Battery { get; }

        /// <summary>Left motor output.</summary>
        public RecordingMotor Left { get; }

        /// <summary>Right motor output.</summary>
        public RecordingMotor Right { get; }

        /// <summary>The reset line.</summary>
        public SimulatedReset Reset { get; }

        /// <summary>The running application, null until booted (or when boot failed).</summary>
        public FirmwareNode? Node { get; private set; }

        /// <summary>Boots so far (the application's sequence base).</summary>
        public uint BootCount { get; private set; }

        /// <summary>Why the last boot failed, or <see cref="BootError.None"/>.</summary>
        public BootError LastBootError { get; private set; }

        /// <summary>Radio bring-up result of the last boot.</summary>
        public RadioResult LastRadioResult { get; private set; }

        /// <summary>True: the main loop is stuck (ticks are skipped) until the watchdog resets the board.</summary>
        public bool Hung { get; set; }

        /// <summary>Boots the firmware: provisioning, board, radio, application. False when any step fails.</summary>
        public bool Boot()
        {
            Node = null;
            LastBootError = _boot.Load(_record, 0, _record.Length);
            if (LastBootError != BootError.None)
            {
                return false;
            }

            LastRadioResult = Radio.Open(_boot.Provisioning.Radio);
            if (LastRadioResult != RadioResult.Ok)
            {
                return false;
            }

            var hardware = new NodeHardware(Radio.Driver, Battery, Left, Right, Reset);
            BootCount++;
            Node = _boot.Start(hardware, BootCount, NowMs);
            Hung = false;
            return true;
        }

        /// <summary>One pass of the main loop (skipped while <see cref="Hung"/>).</summary>
        public void Tick(long nowMs)
        {
            if (Node != null && !Hung)
            {
                Node.Tick(nowMs);
            }
        }

        /// <summary>The supervisor's watchdog check; a reset reboots the board. True when it reset.</summary>
        public bool Supervise(long nowMs)
        {
            if (Node == null || !Node.Supervise(nowMs))
            {
                return false;
            }

            Reset.Pending = false;
            Boot();
            return true;
        }

        private long NowMs
        {
            get { return _clock.NowMicroseconds / 1000; }
        }
    }
}
