namespace EdgeMesh.Bridge.Topics
{
    /// <summary>Which way a rule carries messages.</summary>
    internal enum BridgeDirection
    {
        /// <summary>Mesh to broker.</summary>
        Out = 1,

        /// <summary>Broker to mesh.</summary>
        In = 2,

        /// <summary>Both ways.</summary>
        Both = 3,
    }
}
