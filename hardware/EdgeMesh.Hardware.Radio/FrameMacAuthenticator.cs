using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Hardware.Radio
{
    /// <summary>Lightweight security mode for the inbound pipeline: accepts only MAC frames whose trailer matches the segment key.</summary>
    public sealed class FrameMacAuthenticator : IFrameAuthenticator
    {
        private readonly FrameMac _mac;

        /// <summary>Checks frames with <paramref name="mac"/> (the segment key's checker).</summary>
        public FrameMacAuthenticator(FrameMac mac)
        {
            _mac = mac;
        }

        /// <summary>Frames refused: not MAC-protected.</summary>
        public long NotMacFrames { get; private set; }

        /// <summary>Frames refused: wrong key or modified bytes.</summary>
        public long BadMacs { get; private set; }

        /// <inheritdoc />
        public bool Authenticate(ref FrameHeader header, byte[] buffer, int frameOffset)
        {
            MacResult result = _mac.VerifyDecoded(ref header, buffer, frameOffset);
            if (result == MacResult.Ok)
            {
                return true;
            }

            if (result == MacResult.NotMacFrame)
            {
                NotMacFrames++;
            }
            else
            {
                BadMacs++;
            }

            return false;
        }
    }
}
