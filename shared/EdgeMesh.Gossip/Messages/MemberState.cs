namespace EdgeMesh.Gossip.Messages
{
    /// <summary>A membership update's claim about a node.</summary>
    public enum MemberState : byte
    {
        /// <summary>The node is alive at the given incarnation.</summary>
        Alive = 1,

        /// <summary>The node is dead at the given incarnation.</summary>
        Dead = 2,
    }
}
