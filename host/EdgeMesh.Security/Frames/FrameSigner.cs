using System;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Frames
{
    /// <summary>
    /// Originator side of production mode: writes the Ed25519 signature trailer of frames this node
    /// sends. Relays never re-sign (they only bump the hop count, which the signature excludes).
    /// Allocation-free; safe to call from several threads on different buffers.
    /// </summary>
    public sealed class FrameSigner
    {
        private readonly NodeKeyPair _identity;

        /// <summary>Signs as <paramref name="identity"/> (not owned: the caller disposes it).</summary>
        public FrameSigner(NodeKeyPair identity)
        {
            ArgumentNullException.ThrowIfNull(identity);
            _identity = identity;
        }

        /// <summary>The id frames must carry as sender.</summary>
        public NodeId Id => _identity.Id;

        /// <summary>
        /// Signs the encoded frame that fills exactly the range. The frame must use
        /// <see cref="SecurityMode.Signature"/> and carry this node as sender
        /// (<see cref="FrameError.InvalidArgument"/> otherwise).
        /// </summary>
        public FrameError Sign(byte[] buffer, int offset, int count)
        {
            FrameError error = FrameCodec.DecodeExact(buffer, offset, count, WireFormat.MaxPayloadLength, out FrameHeader header);
            if (error != FrameError.None)
            {
                return error;
            }

            if (header.Security != SecurityMode.Signature || header.Sender != _identity.Id)
            {
                return FrameError.InvalidArgument;
            }

            int signedLength = AuthenticatedBytes.SignedLength(ref header);
            Span<byte> frame = buffer.AsSpan(offset, count);
            byte hops = AuthenticatedBytes.Mask(frame);
            try
            {
                _identity.Keys.Sign(frame.Slice(0, signedLength), frame.Slice(signedLength));
            }
            finally
            {
                AuthenticatedBytes.Restore(frame, hops);
            }

            return FrameError.None;
        }

        /// <summary>Encodes <paramref name="header"/> and payload into the destination and signs the frame.</summary>
        public FrameError EncodeAndSign(ref FrameHeader header, byte[] payload, int payloadOffset, int payloadLength, byte[] destination, int destinationOffset, int destinationCount, out int written)
        {
            FrameError error = FrameCodec.Encode(ref header, payload, payloadOffset, payloadLength, destination, destinationOffset, destinationCount, out written);
            if (error == FrameError.None)
            {
                error = Sign(destination, destinationOffset, written);
            }

            if (error != FrameError.None)
            {
                written = 0;
            }

            return error;
        }
    }
}
