using System;

namespace EdgeMesh.Security
{
    /// <summary>
    /// A 32-byte key for ChaCha20-Poly1305 or XChaCha20-Poly1305 with a detached 16-byte tag. The key
    /// lives in guarded memory and is zeroed when disposed. Thread-safe.
    /// </summary>
    public sealed class AeadKey : IDisposable
    {
        /// <summary>Key length.</summary>
        public const int KeyLength = Interop.Sodium.AeadKeyBytes;

        /// <summary>Authentication tag length.</summary>
        public const int TagLength = Interop.Sodium.AeadTagBytes;

        private readonly SecureMemoryHandle _key;

        /// <summary>Copies <paramref name="key"/> (32 bytes) into guarded memory.</summary>
        public AeadKey(AeadAlgorithm algorithm, ReadOnlySpan<byte> key)
        {
            if (key.Length != KeyLength || (algorithm != AeadAlgorithm.ChaCha20Poly1305 && algorithm != AeadAlgorithm.XChaCha20Poly1305))
            {
                throw new ArgumentException("an AEAD key is 32 bytes for a defined algorithm", nameof(key));
            }

            Algorithm = algorithm;
            _key = SecureMemoryHandle.Allocate(KeyLength);
            key.CopyTo(_key.DangerousGetSpan());
        }

        /// <summary>The cipher this key is for.</summary>
        public AeadAlgorithm Algorithm { get; }

        /// <summary>Nonce length of <see cref="Algorithm"/>: 12 or 24 bytes.</summary>
        public int NonceLength => Algorithm == AeadAlgorithm.XChaCha20Poly1305 ? Interop.Sodium.XChaChaNonceBytes : Interop.Sodium.ChaChaNonceBytes;

        /// <summary>
        /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length) and writes the tag.
        /// Never reuse a nonce with the same key.
        /// </summary>
        public unsafe void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext, Span<byte> tag)
        {
            if (nonce.Length != NonceLength || ciphertext.Length < plaintext.Length || tag.Length < TagLength)
            {
                throw new ArgumentException("nonce, ciphertext or tag buffer has the wrong length");
            }

            fixed (byte* n = nonce)
            fixed (byte* m = plaintext)
            fixed (byte* ad = associatedData)
            fixed (byte* c = ciphertext)
            fixed (byte* t = tag)
            {
                if (Algorithm == AeadAlgorithm.XChaCha20Poly1305)
                {
                    Interop.Sodium.XChaChaEncrypt(c, t, null, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, n, _key);
                }
                else
                {
                    Interop.Sodium.ChaChaEncrypt(c, t, null, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, n, _key);
                }
            }
        }

        /// <summary>
        /// Checks the tag and decrypts. False for a bad tag or malformed input (nothing is written
        /// then); untrusted input never throws.
        /// </summary>
        public unsafe bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
        {
            if (nonce.Length != NonceLength || tag.Length != TagLength || plaintext.Length < ciphertext.Length)
            {
                return false;
            }

            fixed (byte* n = nonce)
            fixed (byte* c = ciphertext)
            fixed (byte* t = tag)
            fixed (byte* ad = associatedData)
            fixed (byte* m = plaintext)
            {
                int result = Algorithm == AeadAlgorithm.XChaCha20Poly1305
                    ? Interop.Sodium.XChaChaDecrypt(m, null, c, (ulong)ciphertext.Length, t, ad, (ulong)associatedData.Length, n, _key)
                    : Interop.Sodium.ChaChaDecrypt(m, null, c, (ulong)ciphertext.Length, t, ad, (ulong)associatedData.Length, n, _key);
                return result == 0;
            }
        }

        /// <summary>Zeroes and frees the key.</summary>
        public void Dispose()
        {
            _key.Dispose();
        }
    }
}
