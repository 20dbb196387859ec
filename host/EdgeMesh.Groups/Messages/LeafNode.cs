using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>A ratchet-tree leaf (RFC 9420 §7.2): keys, credential, capabilities, source and signature.</summary>
    internal sealed class LeafNode
    {
        public const byte SourceKeyPackage = 1;
        public const byte SourceUpdate = 2;
        public const byte SourceCommit = 3;

        public byte[] EncryptionKey { get; set; } = Array.Empty<byte>();

        public byte[] SignatureKey { get; set; } = Array.Empty<byte>();

        public Credential Credential { get; set; } = Credential.BasicOf(Array.Empty<byte>());

        public Capabilities Capabilities { get; set; } = Capabilities.Default();

        public byte Source { get; set; } = SourceKeyPackage;

        public ulong NotBefore { get; set; }

        public ulong NotAfter { get; set; } = ulong.MaxValue;

        public byte[] ParentHash { get; set; } = Array.Empty<byte>();

        public List<Extension> Extensions { get; set; } = new List<Extension>();

        public byte[] Signature { get; set; } = Array.Empty<byte>();

        public static LeafNode Read(ref TlsReader r)
        {
            LeafNode n = new LeafNode();
            n.EncryptionKey = r.VarBytesArray();
            n.SignatureKey = r.VarBytesArray();
            n.Credential = Credential.Read(ref r);
            n.Capabilities = Capabilities.Read(ref r);
            n.Source = r.U8();
            switch (n.Source)
            {
                case SourceKeyPackage:
                    n.NotBefore = r.U64();
                    n.NotAfter = r.U64();
                    break;
                case SourceUpdate:
                    break;
                case SourceCommit:
                    n.ParentHash = r.VarBytesArray();
                    break;
                default:
                    r.Fail(MlsError.UnknownValue);
                    break;
            }

            n.Extensions = Extension.ReadList(ref r);
            n.Signature = r.VarBytesArray();
            return n;
        }

        private void WriteContent(TlsWriter w)
        {
            w.VarBytes(EncryptionKey);
            w.VarBytes(SignatureKey);
            Credential.Write(w);
            Capabilities.Write(w);
            w.U8(Source);
            if (Source == SourceKeyPackage)
            {
                w.U64(NotBefore);
                w.U64(NotAfter);
            }
            else if (Source == SourceCommit)
            {
                w.VarBytes(ParentHash);
            }

            Extension.WriteList(w, Extensions);
        }

        public void Write(TlsWriter w)
        {
            WriteContent(w);
            w.VarBytes(Signature);
        }

        /// <summary>LeafNodeTBS: update and commit leaves are bound to the group and their position.</summary>
        public byte[] ToBeSigned(ReadOnlySpan<byte> groupId, uint leafIndex)
        {
            TlsWriter w = new TlsWriter(256);
            WriteContent(w);
            if (Source != SourceKeyPackage)
            {
                w.VarBytes(groupId);
                w.U32(leafIndex);
            }

            return w.ToArray();
        }

        public bool VerifySignature(ReadOnlySpan<byte> groupId, uint leafIndex)
            => Suite.VerifyWithLabel(SignatureKey, "LeafNodeTBS", ToBeSigned(groupId, leafIndex), Signature);

        public void Sign(ReadOnlySpan<byte> signaturePrivate, ReadOnlySpan<byte> groupId, uint leafIndex)
            => Signature = Suite.SignWithLabel(signaturePrivate, "LeafNodeTBS", ToBeSigned(groupId, leafIndex));

        public byte[] Encode()
        {
            TlsWriter w = new TlsWriter(256);
            Write(w);
            return w.ToArray();
        }

        public LeafNode Clone()
        {
            TlsReader r = new TlsReader(Encode());
            return Read(ref r);
        }
    }
}
