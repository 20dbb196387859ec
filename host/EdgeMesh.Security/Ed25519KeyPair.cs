using System;
using System.Security.Cryptography;
using NSec.Cryptography;
using NsecKey = NSec.Cryptography.Key;

namespace EdgeMesh.Security
{
    /// <summary>
    /// An Ed25519 signing key pair (NSec). The secret key lives in libsodium's guarded memory and is
    /// zeroed when the pair is disposed. Signing is thread-safe (no state between calls).
    /// </summary>
    public sealed class Ed25519KeyPair : IDisposable
    {
        /// <summary>Public key length.</summary>
        public const int PublicKeyLength = 32;

        /// <summary>Seed (private key) length.</summary>
        public const int SeedLength = 32;

        /// <summary>Signature length.</summary>
        public const int SignatureLength = 64;

        private readonly NsecKey _key;
        private readonly byte[] _publicKey = new byte[PublicKeyLength];

        private Ed25519KeyPair(NsecKey key)
        {
            _key = key;
            key.PublicKey.TryExport(KeyBlobFormat.RawPublicKey, _publicKey, out _);
        }

        /// <summary>The 32-byte public key.</summary>
        public ReadOnlySpan<byte> PublicKey => _publicKey;

        /// <summary>The NSec key, for callers that sign with NSec directly (the benchmarks' baseline).</summary>
        internal NsecKey Key => _key;

        /// <summary>Creates a key pair from the system's secure random generator.</summary>
        public static Ed25519KeyPair Generate()
        {
            Sodium.EnsureInitialized();
            return new Ed25519KeyPair(NsecKey.Create(SignatureAlgorithm.Ed25519, Exportable()));
        }

        /// <summary>Recreates a key pair from its 32-byte seed.</summary>
        public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> seed)
        {
            if (seed.Length != SeedLength)
            {
                throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
            }

            Sodium.EnsureInitialized();
            return new Ed25519KeyPair(NsecKey.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, Exportable()));
        }

        /// <summary>Writes the 64-byte detached signature of <paramref name="message"/>.</summary>
        public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
        {
            if (signature.Length < SignatureLength)
            {
                throw new ArgumentException("signature buffer is shorter than 64 bytes", nameof(signature));
            }

            SignatureAlgorithm.Ed25519.Sign(_key, message, signature.Slice(0, SignatureLength));
        }

        /// <summary>
        /// True when <paramref name="signature"/> is valid for the message and key; false for any
        /// malformed input. Imports the key on every call: a hot path keeps an
        /// <see cref="Ed25519PublicKey"/> per peer instead.
        /// </summary>
        public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        {
            return Ed25519PublicKey.TryImport(publicKey, out Ed25519PublicKey? key) && key.Verify(message, signature);
        }

        /// <summary>
        /// Maps an Ed25519 public key to the X25519 public key of the same secret (the birational map
        /// of RFC 7748 §4.1), so a node's enrolled signing key also names its key-agreement key. False
        /// (and a zeroed output) for a key of the wrong length, a malformed point or a small-order point:
        /// untrusted input never throws. NSec has no such conversion; this is one of the two direct
        /// libsodium calls (docs/identity.md §7).
        /// </summary>
        public static unsafe bool TryConvertPublicKeyToX25519(ReadOnlySpan<byte> publicKey, Span<byte> x25519PublicKey)
        {
            if (publicKey.Length != PublicKeyLength || x25519PublicKey.Length < X25519KeyPair.KeyLength)
            {
                return false;
            }

            Sodium.EnsureInitialized();
            fixed (byte* x = x25519PublicKey)
            fixed (byte* ed = publicKey)
            {
                if (Interop.Sodium.Ed25519PublicKeyToX25519(x, ed) != 0)
                {
                    x25519PublicKey.Slice(0, X25519KeyPair.KeyLength).Clear();
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The X25519 key pair of this signing key: its secret is the Ed25519 secret scalar (the first
        /// half of SHA-512 of the seed, RFC 8032 §5.1.5, clamped by X25519 itself), so its public key
        /// equals <see cref="TryConvertPublicKeyToX25519"/> of <see cref="PublicKey"/>. The caller
        /// disposes it; it stays valid after this pair is disposed.
        /// </summary>
        public X25519KeyPair ToX25519KeyPair()
        {
            Span<byte> seed = stackalloc byte[SeedLength];
            Span<byte> hash = stackalloc byte[64];
            try
            {
                ExportSeed(seed);
                NSec.Cryptography.HashAlgorithm.Sha512.Hash(seed, hash);
                return X25519KeyPair.FromSecretKey(hash.Slice(0, X25519KeyPair.KeyLength));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
                CryptographicOperations.ZeroMemory(hash);
            }
        }

        /// <summary>Copies the seed out (for writing a key file); the caller wipes the destination.</summary>
        internal void ExportSeed(Span<byte> seed)
        {
            if (!_key.TryExport(KeyBlobFormat.RawPrivateKey, seed, out int written) || written != SeedLength)
            {
                throw new InvalidOperationException("the Ed25519 seed could not be exported");
            }
        }

        /// <summary>Zeroes and frees the secret key.</summary>
        public void Dispose()
        {
            _key.Dispose();
        }

        private static KeyCreationParameters Exportable()
        {
            // Key files hold the seed, so the seed must be exportable (to a caller-owned span that the
            // caller wipes; NSec never puts it on the managed heap on this path).
            return new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        }
    }
}
