using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>Reads one payload of a dot store entry.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    public delegate StateError PayloadReader<T>(ref StateReader reader, out T value);
}
