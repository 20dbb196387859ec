using EdgeMesh.Firmware.Application;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Sx127x;
using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>
    /// One simulated microcontroller board running the firmware: an SX1276 model on the simulated air
    /// driven by the real SX127x driver, a simulated INA219 and two recording motor outputs, booted
    /// from a provisioning record exactly as the device boots from its config flash. A watchdog reset
    /// reboots it (boot count + 1) on the same hardware.
    /// </summary>
    public sealed class SimulatedBoard
    {
        private readonly EventScheduler _clock;
        private readonly byte[] _record;
        private readonly FirmwareBoot _boot = new FirmwareBoot();

        /// <summary>Places a board at (<paramref name="x"/>, <paramref name="y"/>) metres with its provisioning record.</summary>
        public SimulatedBoard(SimulatedAir air, EventScheduler clock, byte[] provisioningRecord, double x, double y)
        {
            _clock = clock;
            _record = provisioningRecord;
            Chip = new Sx1276Model(air, x, y);
            Driver = new Sx127xDriver(Chip, Chip.Reset, clock);
            Battery = new SimulatedIna219(0x40, 100, 4000);
            Left = new RecordingMotor();
            Right = new RecordingMotor();
            Reset = new SimulatedReset();
        }

        /// <summary>The radio chip model.</summary>
        public Sx1276Model Chip { get; }

        /// <summary>The real driver over the model's SPI port.</summary>
        public Sx127xDriver Driver { get; }

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

            LastRadioResult = Sx1276Setup.Open(Driver, _boot.Provisioning.Radio);
            if (LastRadioResult != RadioResult.Ok)
            {
                return false;
            }

            var hardware = new NodeHardware(Driver, Battery, Left, Right, Reset);
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
