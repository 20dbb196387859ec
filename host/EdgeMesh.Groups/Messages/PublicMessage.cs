using System;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>PublicMessage: signed content, with a membership tag when a member sent it.</summary>
    internal sealed class PublicMessage
    {
        public FramedContent Content { get; set; } = new FramedContent();

        public FramedContentAuthData Auth { get; set; } = new FramedContentAuthData();

        public byte[] MembershipTag { get; set; } = Array.Empty<byte>();

        public static PublicMessage Read(ref TlsReader r)
        {
            PublicMessage m = new PublicMessage { Content = FramedContent.Read(ref r) };
            m.Auth = FramedContentAuthData.Read(ref r, m.Content.ContentType);
            if (m.Content.Sender.Type == Sender.Member)
            {
                m.MembershipTag = r.VarBytesArray();
            }

            return m;
        }

        public void Write(TlsWriter w)
        {
            Content.Write(w);
            Auth.Write(w, Content.ContentType);
            if (Content.Sender.Type == Sender.Member)
            {
                w.VarBytes(MembershipTag);
            }
        }

        public AuthenticatedContent ToAuthenticated() => new AuthenticatedContent(WireFormat.PublicMessage, Content, Auth);

        /// <summary>AuthenticatedContentTBM: the signed content and its auth data, MACed with the membership key.</summary>
        public byte[] ToBeMaced(byte[] groupContext)
        {
            TlsWriter w = new TlsWriter(512);
            w.Fixed(AuthenticatedContent.ToBeSigned(WireFormat.PublicMessage, Content, groupContext));
            Auth.Write(w, Content.ContentType);
            return w.ToArray();
        }
    }
}
