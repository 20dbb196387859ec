using EdgeMesh.Firmware.Motion;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>A motor output that records what the firmware drives (the host build's stand-in for a PWM pin).</summary>
    public sealed class RecordingMotor : IMotorChannel
    {
        /// <inheritdoc />
        public int Duty { get; private set; }

        /// <summary>Times the duty changed.</summary>
        public long Changes { get; private set; }

        /// <inheritdoc />
        public void SetDuty(int dutyPerMille)
        {
            if (dutyPerMille != Duty)
            {
                Changes++;
            }

            Duty = dutyPerMille;
        }
    }
}
