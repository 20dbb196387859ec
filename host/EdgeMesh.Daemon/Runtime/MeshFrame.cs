using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>A frame the mesh protocol wants sent to one peer.</summary>
    internal readonly struct MeshFrame
    {
        internal MeshFrame(NodeId to, Priority priority, byte[] buffer, int length)
        {
            To = to;
            Priority = priority;
            Buffer = buffer;
            Length = length;
        }

        internal NodeId To { get; }

        internal Priority Priority { get; }

        internal byte[] Buffer { get; }

        internal int Length { get; }
    }
}
