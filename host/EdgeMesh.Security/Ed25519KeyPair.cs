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
