using System;

namespace EdgeMesh.State.Crdt
{
    /// <summary>Deterministic tie-breaks between values written with equal timestamps.</summary>
    internal static class ByteOrder
    {
        internal static int Compare(byte[]? a, byte[]? b)
        {
            if (a == null || b == null)
            {
                return (a == null ? 0 : 1) - (b == null ? 0 : 1);
            }

            return a.AsSpan().SequenceCompareTo(b);
        }
    }
}
