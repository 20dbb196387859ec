using System;
using System.Security.Cryptography;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;
using NSec.Cryptography;

namespace EdgeMesh.Groups.Protocol
{
    /// <summary>A KeyPackage and the three private keys behind it (zeroed on dispose).</summary>
    internal sealed class KeyPackageBundle : IDisposable
    {
        private KeyPackageBundle(KeyPackage keyPackage, byte[] initPrivate, byte[] encryptionPrivate, byte[] signaturePrivate)
        {
            KeyPackage = keyPackage;
            InitPrivate = initPrivate;
            EncryptionPrivate = encryptionPrivate;
            SignaturePrivate = signaturePrivate;
        }

        public KeyPackage KeyPackage { get; }

        public byte[] InitPrivate { get; }

        public byte[] EncryptionPrivate { get; }

        public byte[] SignaturePrivate { get; }

        /// <summary>Creates a fresh signature key (Ed25519 seed) for a client.</summary>
        public static byte[] NewSignatureKey()
        {
            KeyCreationParameters exportable = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
            using Key key = Key.Create(SignatureAlgorithm.Ed25519, in exportable);
            return key.Export(KeyBlobFormat.RawPrivateKey);
        }

        /// <summary>A KeyPackage for <paramref name="credential"/> signed with <paramref name="signaturePrivate"/>, valid in [notBefore, notAfter] (seconds).</summary>
        public static KeyPackageBundle Create(Credential credential, byte[] signaturePrivate, ulong notBefore, ulong notAfter)
        {
            byte[] initPrivate = Hpke.DeriveKeyPair(RandomNumberGenerator.GetBytes(32), out byte[] initPublic);
            byte[] encPrivate = Hpke.DeriveKeyPair(RandomNumberGenerator.GetBytes(32), out byte[] encPublic);
            LeafNode leaf = new LeafNode
            {
                EncryptionKey = encPublic,
                SignatureKey = Suite.SignaturePublicKey(signaturePrivate),
                Credential = credential,
                Capabilities = Capabilities.Default(),
                Source = LeafNode.SourceKeyPackage,
                NotBefore = notBefore,
                NotAfter = notAfter,
            };
            leaf.Sign(signaturePrivate, default, 0);
            KeyPackage kp = new KeyPackage { InitKey = initPublic, LeafNode = leaf };
            kp.Signature = Suite.SignWithLabel(signaturePrivate, "KeyPackageTBS", kp.ToBeSigned());
            return new KeyPackageBundle(kp, initPrivate, encPrivate, (byte[])signaturePrivate.Clone());
        }

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(InitPrivate);
            CryptographicOperations.ZeroMemory(EncryptionPrivate);
            CryptographicOperations.ZeroMemory(SignaturePrivate);
        }
    }
}
