namespace EdgeMesh.Gossip.Internal
{
    /// <summary>The rule of backward-shift deletion shared by the linear-probing tables (<see cref="IdTable{T}"/>, <see cref="MessageIdTable{T}"/>).</summary>
    internal static class ProbeRun
    {
        /// <summary>
        /// True when the member at <paramref name="slot"/>, whose probe starts at <paramref name="home"/>,
        /// must stay where it is after <paramref name="hole"/> was emptied: its home lies cyclically
        /// after the hole. Otherwise it moves into the hole, so that lookups never meet a gap
        /// before it and no tombstones are needed.
        /// </summary>
        internal static bool Stays(int hole, int slot, int home)
        {
            return hole <= slot ? (hole < home && home <= slot) : (hole < home || home <= slot);
        }
    }
}
