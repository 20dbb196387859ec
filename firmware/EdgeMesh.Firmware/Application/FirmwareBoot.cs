using EdgeMesh.Firmware.Boards;
using EdgeMesh.Firmware.Provisioning;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>
    /// Boot, the part shared by the device and the host build: read the provisioning record from
    /// config flash, look up the board it names, and check that the board's radio is the one the
    /// record is tuned for. The caller then opens the board's hardware (device adapters or simulated
    /// chips) and starts the <see cref="FirmwareNode"/>. A board that is not (validly) provisioned does
    /// not start its radio: it would have no key to authenticate with.
    /// </summary>
    public sealed class FirmwareBoot
    {
        /// <summary>The provisioning read by <see cref="Load"/>.</summary>
        public NodeProvisioning Provisioning { get; } = new NodeProvisioning();

        /// <summary>The board named by the provisioning, after a successful <see cref="Load"/>.</summary>
        public BoardProfile? Board { get; private set; }

        /// <summary>Why the record was refused, when <see cref="Load"/> returned <see cref="BootError.NotProvisioned"/>.</summary>
        public ProvisioningError LastProvisioningError { get; private set; }

        /// <summary>Reads and checks the provisioning record in <paramref name="record"/>.</summary>
        public BootError Load(byte[] record, int offset, int count)
        {
            Board = null;
            LastProvisioningError = ProvisioningCodec.Decode(record, offset, count, Provisioning);
            if (LastProvisioningError != ProvisioningError.None)
            {
                return BootError.NotProvisioned;
            }

            BoardProfile? board = BoardCatalog.Find(Provisioning.BoardName);
            if (board == null)
            {
                return BootError.UnknownBoard;
            }

            if (board.Radio != Provisioning.Radio.Chip)
            {
                return BootError.RadioMismatch;
            }

            Board = board;
            return BootError.None;
        }

        /// <summary>Starts the application on the opened hardware (after a successful <see cref="Load"/>).</summary>
        public FirmwareNode Start(NodeHardware hardware, uint bootCount, long nowMs)
        {
            if (Board == null)
            {
                throw new System.InvalidOperationException("Load the provisioning first.");
            }

            return new FirmwareNode(Provisioning, Board, hardware, FirmwareOptions.For(Provisioning.Radio), bootCount, nowMs);
        }
    }
}
