using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Messages
{
    /// <summary>One piggybacked membership update: a node, its incarnation and what is claimed.</summary>
    public struct MemberUpdate
    {
        /// <summary>Alive or dead.</summary>
        public MemberState State;

        /// <summary>The node the update is about.</summary>
        public NodeId Subject;

        /// <summary>The subject's incarnation the claim refers to.</summary>
        public uint Incarnation;

        /// <summary>Creates an update.</summary>
        public MemberUpdate(MemberState state, NodeId subject, uint incarnation)
        {
            State = state;
            Subject = subject;
            Incarnation = incarnation;
        }
    }
}
