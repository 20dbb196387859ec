namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>A broadcast for this node: the originator's Publish frame, unchanged.</summary>
    internal readonly struct MeshDelivery
    {
        internal MeshDelivery(ulong topic, byte[] frame, int frameLength)
        {
            Topic = topic;
            Frame = frame;
            FrameLength = frameLength;
        }

        internal ulong Topic { get; }

        internal byte[] Frame { get; }

        internal int FrameLength { get; }
    }
}
