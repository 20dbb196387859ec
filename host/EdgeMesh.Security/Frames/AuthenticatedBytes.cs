using System;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Frames
{
    /// <summary>
    /// The bytes a trailer authenticates (docs/wire-format.md §3): header and payload with the
    /// hop-count nibble taken as zero. Ed25519 needs them contiguous, so the nibble is cleared in
    /// place for the duration of the operation and restored afterwards (callers own the buffer and
    /// do not share it with another thread during the call).
    /// </summary>
    internal static class AuthenticatedBytes
    {
        private const int HopsOffset = 3;

        /// <summary>Clears the hop-count nibble and returns the original byte for <see cref="Restore"/>.</summary>
        internal static byte Mask(Span<byte> frame)
        {
            byte hops = frame[HopsOffset];
            frame[HopsOffset] = (byte)(hops & 0xF0);
            return hops;
        }

        internal static void Restore(Span<byte> frame, byte hops)
        {
            frame[HopsOffset] = hops;
        }

        /// <summary>Length of header plus payload.</summary>
        internal static int SignedLength(ref FrameHeader header)
        {
            return WireFormat.HeaderLength + header.PayloadLength;
        }
    }
}
