using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>A KeyPackage (RFC 9420 §10): how a client is added to a group.</summary>
    internal sealed class KeyPackage
    {
        public ushort Version { get; set; } = Suite.ProtocolVersion;

        public ushort CipherSuite { get; set; } = Suite.Id;

        public byte[] InitKey { get; set; } = Array.Empty<byte>();

        public LeafNode LeafNode { get; set; } = new LeafNode();

        public List<Extension> Extensions { get; set; } = new List<Extension>();

        public byte[] Signature { get; set; } = Array.Empty<byte>();

        public static KeyPackage Read(ref TlsReader r)
        {
            KeyPackage k = new KeyPackage();
            k.Version = r.U16();
            k.CipherSuite = r.U16();
            k.InitKey = r.VarBytesArray();
            k.LeafNode = LeafNode.Read(ref r);
            k.Extensions = Extension.ReadList(ref r);
            k.Signature = r.VarBytesArray();
            return k;
        }

        private void WriteContent(TlsWriter w)
        {
            w.U16(Version);
            w.U16(CipherSuite);
            w.VarBytes(InitKey);
            LeafNode.Write(w);
            Extension.WriteList(w, Extensions);
        }

        public void Write(TlsWriter w)
        {
            WriteContent(w);
            w.VarBytes(Signature);
        }

        public byte[] Encode()
        {
            TlsWriter w = new TlsWriter(512);
            Write(w);
            return w.ToArray();
        }

        public byte[] ToBeSigned()
        {
            TlsWriter w = new TlsWriter(512);
            WriteContent(w);
            return w.ToArray();
        }

        public byte[] Reference() => Suite.RefHash("MLS 1.0 KeyPackage Reference", Encode());

        /// <summary>Version, suite, signature, leaf source and leaf signature; the init key differs from the leaf key.</summary>
        public MlsError Validate()
        {
            if (Version != Suite.ProtocolVersion || CipherSuite != Suite.Id)
            {
                return MlsError.Unsupported;
            }

            if (LeafNode.Source != LeafNode.SourceKeyPackage)
            {
                return MlsError.InvalidValue;
            }

            if (!Suite.VerifyWithLabel(LeafNode.SignatureKey, "KeyPackageTBS", ToBeSigned(), Signature))
            {
                return MlsError.BadSignature;
            }

            if (!LeafNode.VerifySignature(default, 0))
            {
                return MlsError.BadSignature;
            }

            if (InitKey.AsSpan().SequenceEqual(LeafNode.EncryptionKey))
            {
                return MlsError.InvalidValue;
            }

            return MlsError.None;
        }
    }
}
