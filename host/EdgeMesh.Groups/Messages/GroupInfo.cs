using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>GroupInfo: the group context, extensions and confirmation tag, signed by a member.</summary>
    internal sealed class GroupInfo
    {
        public GroupContext GroupContext { get; set; } = new GroupContext();

        public List<Extension> Extensions { get; set; } = new List<Extension>();

        public byte[] ConfirmationTag { get; set; } = Array.Empty<byte>();

        public uint Signer { get; set; }

        public byte[] Signature { get; set; } = Array.Empty<byte>();

        public static GroupInfo Read(ref TlsReader r)
        {
            GroupInfo g = new GroupInfo { GroupContext = GroupContext.Read(ref r) };
            g.Extensions = Extension.ReadList(ref r);
            g.ConfirmationTag = r.VarBytesArray();
            g.Signer = r.U32();
            g.Signature = r.VarBytesArray();
            return g;
        }

        private void WriteContent(TlsWriter w)
        {
            GroupContext.Write(w);
            Extension.WriteList(w, Extensions);
            w.VarBytes(ConfirmationTag);
            w.U32(Signer);
        }

        public void Write(TlsWriter w)
        {
            WriteContent(w);
            w.VarBytes(Signature);
        }

        public byte[] Encode()
        {
            TlsWriter w = new TlsWriter(1024);
            Write(w);
            return w.ToArray();
        }

        public byte[] ToBeSigned()
        {
            TlsWriter w = new TlsWriter(1024);
            WriteContent(w);
            return w.ToArray();
        }

        public bool VerifySignature(byte[] signatureKey) => Suite.VerifyWithLabel(signatureKey, "GroupInfoTBS", ToBeSigned(), Signature);

        public void Sign(ReadOnlySpan<byte> signaturePrivate) => Signature = Suite.SignWithLabel(signaturePrivate, "GroupInfoTBS", ToBeSigned());
    }
}
