using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>
    /// AuthenticatedContent: content plus its authentication, whatever wire format carried it.
    /// This is what signatures, proposal references and transcript hashes are computed over.
    /// </summary>
    internal sealed class AuthenticatedContent
    {
        public AuthenticatedContent(ushort wireFormat, FramedContent content, FramedContentAuthData auth)
        {
            WireFormat = wireFormat;
            Content = content;
            Auth = auth;
        }

        public ushort WireFormat { get; }

        public FramedContent Content { get; }

        public FramedContentAuthData Auth { get; }

        public static AuthenticatedContent Read(ref TlsReader r)
        {
            ushort wire = r.U16();
            FramedContent content = FramedContent.Read(ref r);
            FramedContentAuthData auth = FramedContentAuthData.Read(ref r, content.ContentType);
            return new AuthenticatedContent(wire, content, auth);
        }

        public void Write(TlsWriter w)
        {
            w.U16(WireFormat);
            Content.Write(w);
            Auth.Write(w, Content.ContentType);
        }

        public byte[] Encode()
        {
            TlsWriter w = new TlsWriter(512);
            Write(w);
            return w.ToArray();
        }

        /// <summary>FramedContentTBS: members and new-member commits also sign the group context.</summary>
        public static byte[] ToBeSigned(ushort wireFormat, FramedContent content, byte[]? groupContext)
        {
            TlsWriter w = new TlsWriter(512);
            w.U16(Suite.ProtocolVersion);
            w.U16(wireFormat);
            content.Write(w);
            if (content.Sender.Type == Sender.Member || content.Sender.Type == Sender.NewMemberCommit)
            {
                w.Fixed(groupContext ?? System.Array.Empty<byte>());
            }

            return w.ToArray();
        }

        public byte[] ToBeSigned(byte[]? groupContext) => ToBeSigned(WireFormat, Content, groupContext);

        public bool VerifySignature(byte[] signatureKey, byte[]? groupContext)
            => Suite.VerifyWithLabel(signatureKey, "FramedContentTBS", ToBeSigned(groupContext), Auth.Signature);

        public byte[] ProposalReference() => Suite.RefHash("MLS 1.0 Proposal Reference", Encode());

        /// <summary>ConfirmedTranscriptHashInput: wire format, content and signature.</summary>
        public byte[] ConfirmedTranscriptInput()
        {
            TlsWriter w = new TlsWriter(512);
            w.U16(WireFormat);
            Content.Write(w);
            w.VarBytes(Auth.Signature);
            return w.ToArray();
        }
    }
}
