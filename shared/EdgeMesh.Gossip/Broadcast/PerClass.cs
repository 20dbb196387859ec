namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>Four values, one per priority class (wire-format §2.3), stored inline in the owning object.</summary>
    /// <typeparam name="T">The per-class value.</typeparam>
    [System.Runtime.CompilerServices.InlineArray(4)]
    internal struct PerClass<T>
    {
        private T first;
    }
}
