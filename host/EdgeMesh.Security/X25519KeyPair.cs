using System;

namespace EdgeMesh.Security
{
    /// <summary>An X25519 key-agreement key pair; the secret key is zeroed when disposed.</summary>
    public sealed class X25519KeyPair : IDisposable
    {
        /// <summary>Length of public keys, secret keys and shared secrets.</summary>
        public const int KeyLength = Interop.Sodium.X25519KeyBytes;

        private readonly SecureMemoryHandle _secretKey;
        private readonly byte[] _publicKey = new byte[KeyLength];

        private unsafe X25519KeyPair(SecureMemoryHandle secretKey)
        {
            _secretKey = secretKey;
            fixed (byte* pk = _publicKey)
            {
                Interop.Sodium.X25519Base(pk, _secretKey);
            }
        }

        /// <summary>The 32-byte public key.</summary>
        public ReadOnlySpan<byte> PublicKey => _publicKey;

        /// <summary>Creates a key pair from the system's secure random generator.</summary>
        public static unsafe X25519KeyPair Generate()
        {
            SecureMemoryHandle secret = SecureMemoryHandle.Allocate(KeyLength);
            Span<byte> s = secret.DangerousGetSpan();
            fixed (byte* p = s)
            {
                Interop.Sodium.RandomBytes(p, KeyLength);
            }

            return new X25519KeyPair(secret);
        }

        /// <summary>Recreates a key pair from its 32-byte secret key.</summary>
        public static X25519KeyPair FromSecretKey(ReadOnlySpan<byte> secretKey)
        {
            if (secretKey.Length != KeyLength)
            {
                throw new ArgumentException("an X25519 secret key is 32 bytes", nameof(secretKey));
            }

            SecureMemoryHandle secret = SecureMemoryHandle.Allocate(KeyLength);
            secretKey.CopyTo(secret.DangerousGetSpan());
            return new X25519KeyPair(secret);
        }

        /// <summary>Takes ownership of secret key memory that already holds a 32-byte secret.</summary>
        internal static X25519KeyPair FromSecretHandle(SecureMemoryHandle secretKey)
        {
            return new X25519KeyPair(secretKey);
        }

        /// <summary>
        /// Computes the shared secret with a peer's public key. False (and a zeroed output) for a
        /// malformed or low-order peer key: untrusted input never throws.
        /// </summary>
        public unsafe bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
        {
            if (peerPublicKey.Length != KeyLength || sharedSecret.Length < KeyLength)
            {
                return false;
            }

            fixed (byte* q = sharedSecret)
            fixed (byte* p = peerPublicKey)
            {
                if (Interop.Sodium.X25519(q, _secretKey, p) != 0)
                {
                    Interop.Sodium.MemZero(q, KeyLength);
                    return false;
                }
            }

            return true;
        }

        /// <summary>Zeroes and frees the secret key.</summary>
        public void Dispose()
        {
            _secretKey.Dispose();
        }
    }
}
