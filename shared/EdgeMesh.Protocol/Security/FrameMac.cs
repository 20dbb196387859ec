using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Security
{
    /// <summary>
    /// Lightweight-mode frame authentication: a 16-byte HMAC-SHA256 trailer keyed with the segment
    /// key, over header and payload with the hop-count nibble taken as zero (docs/wire-format.md §3),
    /// so relays can count hops without the key. Never throws on frame input, never allocates per
    /// frame. Not thread-safe (single-threaded by contract: one instance per receive or send loop).
    /// </summary>
    public sealed class FrameMac
    {
        /// <summary>Shortest segment key accepted (128 bits).</summary>
        public const int MinKeyLength = 16;

        private readonly HmacSha256 _hmac;
        private readonly byte[] _mac = new byte[HmacSha256.MacLength];

        /// <summary>Creates a sealer/checker for the segment key in the given range (16..64 bytes; 32 recommended).</summary>
        public FrameMac(byte[] segmentKey, int offset, int count)
        {
            if (count < MinKeyLength || count > Sha256.BlockLength)
            {
                throw new System.ArgumentException("segment key must be 16 to 64 bytes");
            }

            _hmac = new HmacSha256(segmentKey, offset, count);
        }

        /// <summary>
        /// Writes the MAC trailer of the encoded frame that fills exactly <paramref name="count"/> bytes
        /// at <paramref name="offset"/> (encode it first with <c>SecurityMode.Mac</c>).
        /// </summary>
        public MacResult Seal(byte[] frame, int offset, int count, out FrameError error)
        {
            MacResult result = Decode(frame, offset, count, WireFormat.MaxPayloadLength, out FrameHeader header, out error);
            if (result != MacResult.Ok)
            {
                return result;
            }

            if (header.Security != SecurityMode.Mac)
            {
                return MacResult.NotMacFrame;
            }

            Compute(frame, offset, header.PayloadLength);
            System.Array.Copy(_mac, 0, frame, FrameCodec.TrailerOffset(ref header, offset), WireFormat.MacLength);
            return MacResult.Ok;
        }

        /// <summary>Decodes the frame that fills exactly the range and checks its MAC trailer.</summary>
        public MacResult Verify(byte[] frame, int offset, int count, int maxPayloadLength, out FrameHeader header, out FrameError error)
        {
            MacResult result = Decode(frame, offset, count, maxPayloadLength, out header, out error);
            return result != MacResult.Ok ? result : VerifyDecoded(ref header, frame, offset);
        }

        /// <summary>Checks the MAC trailer of a frame the caller has already decoded in place.</summary>
        public MacResult VerifyDecoded(ref FrameHeader header, byte[] frame, int offset)
        {
            if (header.Security != SecurityMode.Mac)
            {
                return MacResult.NotMacFrame;
            }

            Compute(frame, offset, header.PayloadLength);
            int trailer = FrameCodec.TrailerOffset(ref header, offset);
            int difference = 0;
            for (int i = 0; i < WireFormat.MacLength; i++)
            {
                difference |= _mac[i] ^ frame[trailer + i]; // no early exit: timing must not reveal the match length
            }

            return difference == 0 ? MacResult.Ok : MacResult.BadMac;
        }

        /// <summary>Overwrites the key-derived state.</summary>
        public void Clear()
        {
            _hmac.Clear();
            System.Array.Clear(_mac, 0, _mac.Length);
        }

        private static MacResult Decode(byte[] frame, int offset, int count, int maxPayloadLength, out FrameHeader header, out FrameError error)
        {
            error = FrameCodec.DecodeExact(frame, offset, count, maxPayloadLength, out header);
            if (error == FrameError.None)
            {
                return MacResult.Ok;
            }

            return error == FrameError.Truncated ? MacResult.Truncated : MacResult.Malformed;
        }

        private void Compute(byte[] frame, int offset, int payloadLength)
        {
            _hmac.Begin();
            _hmac.Update(frame, offset, WireFormat.OffsetHops);
            _hmac.Update((byte)(frame[offset + WireFormat.OffsetHops] & 0xF0)); // hop count authenticated as zero
            _hmac.Update(frame, offset + WireFormat.OffsetHops + 1, WireFormat.HeaderLength - WireFormat.OffsetHops - 1 + payloadLength);
            _hmac.Finish(_mac, 0, WireFormat.MacLength);
        }
    }
}
