namespace EdgeMesh.State.Crdt
{
    /// <summary>One entry of an <see cref="ORMap{TValue}"/>'s dot store: a key and the value written with that dot.</summary>
    /// <typeparam name="TValue">The value CRDT.</typeparam>
    internal readonly struct MapSlot<TValue>
    {
        internal MapSlot(string key, TValue value)
        {
            Key = key;
            Value = value;
        }

        internal string Key { get; }

        internal TValue Value { get; }
    }
}
