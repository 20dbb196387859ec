namespace EdgeMesh.Simulation
{
    /// <summary>Payload types the simulator publishes.</summary>
    internal static class PayloadTypes
    {
        /// <summary>Opaque test payload (wire-format §4 type 0).</summary>
        internal const ushort Raw = EdgeMesh.Protocol.Payloads.PayloadType.Raw;
    }
}
