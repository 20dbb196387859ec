using EdgeMesh.Firmware.Supervision;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>The reset line of a simulated board: records the request; the fleet reboots the node.</summary>
    public sealed class SimulatedReset : IResetControl
    {
        /// <summary>Resets requested since boot of the simulation.</summary>
        public long Resets { get; private set; }

        /// <summary>True from a reset until the fleet has rebooted the node.</summary>
        public bool Pending { get; set; }

        /// <inheritdoc />
        public void Reset()
        {
            Resets++;
            Pending = true;
        }
    }
}
