using System;
using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;

namespace EdgeMesh.Security
{
    /// <summary>
    /// An imported Ed25519 public key, kept per admitted peer so that verifying a frame imports
    /// nothing and allocates nothing. Immutable and thread-safe.
    /// </summary>
    public sealed class Ed25519PublicKey
    {
        private readonly PublicKey _key;

        private Ed25519PublicKey(PublicKey key)
        {
            _key = key;
        }

        /// <summary>Imports a 32-byte public key; false for a wrong length or a malformed point.</summary>
        public static bool TryImport(ReadOnlySpan<byte> publicKey, [NotNullWhen(true)] out Ed25519PublicKey? key)
        {
            key = null;
            if (publicKey.Length != Ed25519KeyPair.PublicKeyLength)
            {
                return false;
            }

            Sodium.EnsureInitialized();
            if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? imported) || imported == null)
            {
                return false;
            }

            key = new Ed25519PublicKey(imported);
            return true;
        }

        /// <summary>The NSec key (for the benchmarks' raw baseline).</summary>
        internal PublicKey Key => _key;

        /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="message"/>.</summary>
        public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        {
            return signature.Length == Ed25519KeyPair.SignatureLength && SignatureAlgorithm.Ed25519.Verify(_key, message, signature);
        }
    }
}
