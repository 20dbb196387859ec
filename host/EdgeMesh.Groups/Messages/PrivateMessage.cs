using System;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>PrivateMessage: encrypted sender data and encrypted content.</summary>
    internal sealed class PrivateMessage
    {
        public byte[] GroupId { get; set; } = Array.Empty<byte>();

        public ulong Epoch { get; set; }

        public byte ContentType { get; set; }

        public byte[] AuthenticatedData { get; set; } = Array.Empty<byte>();

        public byte[] EncryptedSenderData { get; set; } = Array.Empty<byte>();

        public byte[] Ciphertext { get; set; } = Array.Empty<byte>();

        public static PrivateMessage Read(ref TlsReader r)
        {
            PrivateMessage m = new PrivateMessage();
            m.GroupId = r.VarBytesArray();
            m.Epoch = r.U64();
            m.ContentType = r.U8();
            if (m.ContentType < Messages.ContentType.Application || m.ContentType > Messages.ContentType.Commit)
            {
                r.Fail(MlsError.UnknownValue);
            }

            m.AuthenticatedData = r.VarBytesArray();
            m.EncryptedSenderData = r.VarBytesArray();
            m.Ciphertext = r.VarBytesArray();
            return m;
        }

        public void Write(TlsWriter w)
        {
            w.VarBytes(GroupId);
            w.U64(Epoch);
            w.U8(ContentType);
            w.VarBytes(AuthenticatedData);
            w.VarBytes(EncryptedSenderData);
            w.VarBytes(Ciphertext);
        }

        /// <summary>PrivateContentAAD.</summary>
        public byte[] ContentAad()
        {
            TlsWriter w = new TlsWriter(64 + GroupId.Length + AuthenticatedData.Length);
            w.VarBytes(GroupId);
            w.U64(Epoch);
            w.U8(ContentType);
            w.VarBytes(AuthenticatedData);
            return w.ToArray();
        }

        /// <summary>SenderDataAAD.</summary>
        public byte[] SenderDataAad()
        {
            TlsWriter w = new TlsWriter(32 + GroupId.Length);
            w.VarBytes(GroupId);
            w.U64(Epoch);
            w.U8(ContentType);
            return w.ToArray();
        }
    }
}
