using System;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>FramedContent: group, epoch, sender, authenticated data and the body.</summary>
    internal sealed class FramedContent
    {
        public byte[] GroupId { get; set; } = Array.Empty<byte>();

        public ulong Epoch { get; set; }

        public Sender Sender { get; set; }

        public byte[] AuthenticatedData { get; set; } = Array.Empty<byte>();

        public byte ContentType { get; set; }

        public byte[] ApplicationData { get; set; } = Array.Empty<byte>();

        public Proposal? Proposal { get; set; }

        public Commit? Commit { get; set; }

        public static FramedContent Read(ref TlsReader r)
        {
            FramedContent c = new FramedContent();
            c.GroupId = r.VarBytesArray();
            c.Epoch = r.U64();
            c.Sender = Sender.Read(ref r);
            c.AuthenticatedData = r.VarBytesArray();
            c.ContentType = r.U8();
            ReadBody(ref r, c);
            return c;
        }

        /// <summary>Reads the content-type-dependent body (shared with PrivateMessageContent).</summary>
        public static void ReadBody(ref TlsReader r, FramedContent c)
        {
            switch (c.ContentType)
            {
                case Messages.ContentType.Application:
                    c.ApplicationData = r.VarBytesArray();
                    break;
                case Messages.ContentType.Proposal:
                    c.Proposal = Proposal.Read(ref r);
                    break;
                case Messages.ContentType.Commit:
                    c.Commit = Commit.Read(ref r);
                    break;
                default:
                    r.Fail(MlsError.UnknownValue);
                    break;
            }
        }

        public void WriteBody(TlsWriter w)
        {
            switch (ContentType)
            {
                case Messages.ContentType.Application:
                    w.VarBytes(ApplicationData);
                    break;
                case Messages.ContentType.Proposal:
                    Proposal!.Write(w);
                    break;
                default:
                    Commit!.Write(w);
                    break;
            }
        }

        public void Write(TlsWriter w)
        {
            w.VarBytes(GroupId);
            w.U64(Epoch);
            Sender.Write(w);
            w.VarBytes(AuthenticatedData);
            w.U8(ContentType);
            WriteBody(w);
        }
    }
}
