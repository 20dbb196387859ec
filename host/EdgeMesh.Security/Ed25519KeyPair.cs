using System;

namespace EdgeMesh.Security
{
    /// <summary>
    /// An Ed25519 signing key pair. The secret key lives in libsodium's guarded memory and is zeroed
    /// when the pair is disposed. Signing is thread-safe (libsodium keeps no state between calls).
    /// </summary>
    public sealed class Ed25519KeyPair : IDisposable
    {
        /// <summary>Public key length.</summary>
        public const int PublicKeyLength = Interop.Sodium.Ed25519PublicKeyBytes;

        /// <summary>Seed (private key) length.</summary>
        public const int SeedLength = Interop.Sodium.Ed25519SeedBytes;

        /// <summary>Signature length.</summary>
        public const int SignatureLength = Interop.Sodium.Ed25519SignatureBytes;

        private readonly SecureMemoryHandle _secretKey;
        private readonly byte[] _publicKey = new byte[PublicKeyLength];

        private unsafe Ed25519KeyPair(ReadOnlySpan<byte> seed)
        {
            _secretKey = SecureMemoryHandle.Allocate(Interop.Sodium.Ed25519SecretKeyBytes);
            fixed (byte* pk = _publicKey)
            fixed (byte* s = seed)
            {
                Interop.Sodium.Ed25519SeedKeyPair(pk, _secretKey, s);
            }
        }

        /// <summary>The 32-byte public key.</summary>
        public ReadOnlySpan<byte> PublicKey => _publicKey;

        /// <summary>Creates a key pair from the system's secure random generator.</summary>
        public static unsafe Ed25519KeyPair Generate()
        {
            Sodium.EnsureInitialized();
            byte* seed = stackalloc byte[SeedLength];
            try
            {
                Interop.Sodium.RandomBytes(seed, SeedLength);
                return new Ed25519KeyPair(new ReadOnlySpan<byte>(seed, SeedLength));
            }
            finally
            {
                Interop.Sodium.MemZero(seed, SeedLength);
            }
        }

        /// <summary>Recreates a key pair from its 32-byte seed.</summary>
        public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> seed)
        {
            if (seed.Length != SeedLength)
            {
                throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
            }

            Sodium.EnsureInitialized();
            return new Ed25519KeyPair(seed);
        }

        /// <summary>Writes the 64-byte detached signature of <paramref name="message"/>.</summary>
        public unsafe void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
        {
            if (signature.Length < SignatureLength)
            {
                throw new ArgumentException("signature buffer is shorter than 64 bytes", nameof(signature));
            }

            fixed (byte* sig = signature)
            fixed (byte* m = message)
            {
                Interop.Sodium.Ed25519SignDetached(sig, null, m, (ulong)message.Length, _secretKey);
            }
        }

        /// <summary>True when <paramref name="signature"/> is valid for the message and key; false for any malformed input.</summary>
        public static unsafe bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        {
            if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength)
            {
                return false;
            }

            Sodium.EnsureInitialized(); // a volatile read once initialised
            fixed (byte* pk = publicKey)
            fixed (byte* m = message)
            fixed (byte* sig = signature)
            {
                return Interop.Sodium.Ed25519VerifyDetached(sig, m, (ulong)message.Length, pk) == 0;
            }
        }

        /// <summary>
        /// Maps an Ed25519 public key to the X25519 public key of the same secret (the birational map
        /// of RFC 7748 §4.1), so a node's enrolled signing key also names its key-agreement key. False
        /// (and a zeroed output) for a key of the wrong length, a malformed point or a small-order point:
        /// untrusted input never throws.
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
                    Interop.Sodium.MemZero(x, X25519KeyPair.KeyLength);
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The X25519 key pair of this signing key: its secret is the Ed25519 secret scalar, its public
        /// key equals <see cref="TryConvertPublicKeyToX25519"/> of <see cref="PublicKey"/>. The caller
        /// disposes it; it stays valid after this pair is disposed.
        /// </summary>
        public X25519KeyPair ToX25519KeyPair()
        {
            SecureMemoryHandle secret = SecureMemoryHandle.Allocate(X25519KeyPair.KeyLength);
            if (Interop.Sodium.Ed25519SecretKeyToX25519(secret, _secretKey) != 0)
            {
                secret.Dispose();
                throw new InvalidOperationException("crypto_sign_ed25519_sk_to_curve25519 failed");
            }

            return X25519KeyPair.FromSecretHandle(secret);
        }

        /// <summary>Copies the seed out (for writing a key file); the caller wipes the destination.</summary>
        internal unsafe void ExportSeed(Span<byte> seed)
        {
            fixed (byte* s = seed)
            {
                Interop.Sodium.Ed25519SecretKeyToSeed(s, _secretKey);
            }
        }

        /// <summary>The raw secret key memory, for the benchmarks' raw libsodium baseline.</summary>
        internal SecureMemoryHandle SecretKeyHandle => _secretKey;

        /// <summary>Zeroes and frees the secret key.</summary>
        public void Dispose()
        {
            _secretKey.Dispose();
        }
    }
}
