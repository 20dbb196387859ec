using System;
using NSec.Cryptography;
using NsecKey = NSec.Cryptography.Key;

namespace EdgeMesh.Security
{
    /// <summary>An X25519 key-agreement key pair (NSec); the secret key is zeroed when disposed.</summary>
    public sealed class X25519KeyPair : IDisposable
    {
        /// <summary>Length of public keys, secret keys and shared secrets.</summary>
        public const int KeyLength = 32;

        private readonly NsecKey _key;
        private readonly byte[] _publicKey = new byte[KeyLength];

        private X25519KeyPair(NsecKey key)
        {
            _key = key;
            key.PublicKey.TryExport(KeyBlobFormat.RawPublicKey, _publicKey, out _);
        }

        /// <summary>The 32-byte public key.</summary>
        public ReadOnlySpan<byte> PublicKey => _publicKey;

        /// <summary>Creates a key pair from the system's secure random generator.</summary>
        public static X25519KeyPair Generate()
        {
            Sodium.EnsureInitialized();
            return new X25519KeyPair(NsecKey.Create(KeyAgreementAlgorithm.X25519));
        }

        /// <summary>Recreates a key pair from its 32-byte secret key.</summary>
        public static X25519KeyPair FromSecretKey(ReadOnlySpan<byte> secretKey)
        {
            if (secretKey.Length != KeyLength)
            {
                throw new ArgumentException("an X25519 secret key is 32 bytes", nameof(secretKey));
            }

            Sodium.EnsureInitialized();
            return new X25519KeyPair(NsecKey.Import(KeyAgreementAlgorithm.X25519, secretKey, KeyBlobFormat.RawPrivateKey));
        }

        /// <summary>
        /// Computes the shared secret with a peer's public key. False (and a zeroed output) for a
        /// malformed or low-order peer key (NSec refuses an all-zero result): untrusted input never throws.
        /// </summary>
        public bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
        {
            if (peerPublicKey.Length != KeyLength || sharedSecret.Length < KeyLength)
            {
                return false;
            }

            Span<byte> output = sharedSecret.Slice(0, KeyLength);
            if (!NSec.Cryptography.PublicKey.TryImport(KeyAgreementAlgorithm.X25519, peerPublicKey, KeyBlobFormat.RawPublicKey, out NSec.Cryptography.PublicKey? peer) || peer == null)
            {
                output.Clear();
                return false;
            }

            // HPKE (RFC 9180 §4.1) feeds the raw DH output into its own labelled HKDF, so the shared
            // secret must be exportable to a caller-owned span (which the caller wipes).
            var exportable = new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
            using SharedSecret? secret = KeyAgreementAlgorithm.X25519.Agree(_key, peer, exportable);
            if (secret == null || !secret.TryExport(SharedSecretBlobFormat.RawSharedSecret, output, out int written) || written != KeyLength)
            {
                output.Clear();
                return false;
            }

            return true;
        }

        /// <summary>Zeroes and frees the secret key.</summary>
        public void Dispose()
        {
            _key.Dispose();
        }
    }
}
