using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>The type byte in front of every encoded CRDT.</summary>
    internal static class CrdtHeader
    {
        internal static StateError Expect(ref StateReader reader, CrdtKind kind)
        {
            StateError error = reader.ReadByte(out byte b);
            return error != StateError.None ? error : b == (byte)kind ? StateError.None : StateError.UnknownKind;
        }
    }
}
