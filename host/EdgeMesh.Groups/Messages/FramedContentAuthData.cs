using System;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>The signature over the content and, for commits, the confirmation tag.</summary>
    internal sealed class FramedContentAuthData
    {
        public byte[] Signature { get; set; } = Array.Empty<byte>();

        public byte[] ConfirmationTag { get; set; } = Array.Empty<byte>();

        public static FramedContentAuthData Read(ref TlsReader r, byte contentType)
        {
            FramedContentAuthData a = new FramedContentAuthData { Signature = r.VarBytesArray() };
            if (contentType == ContentType.Commit)
            {
                a.ConfirmationTag = r.VarBytesArray();
            }

            return a;
        }

        public void Write(TlsWriter w, byte contentType)
        {
            w.VarBytes(Signature);
            if (contentType == ContentType.Commit)
            {
                w.VarBytes(ConfirmationTag);
            }
        }
    }
}
