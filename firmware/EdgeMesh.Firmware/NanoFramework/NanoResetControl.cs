#if NANOFRAMEWORK_1_0
namespace EdgeMesh.Firmware.NanoFramework
{
    /// <summary>Board reset through nanoFramework.Runtime.Native (compiled only by the .nfproj).</summary>
    public sealed class NanoResetControl : EdgeMesh.Firmware.Supervision.IResetControl
    {
        /// <inheritdoc />
        public void Reset()
        {
            nanoFramework.Runtime.Native.Power.RebootDevice();
        }
    }
}
#endif
