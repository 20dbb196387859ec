using System;
using NSec.Cryptography;
using NsecAead = NSec.Cryptography.AeadAlgorithm;
using NsecKey = NSec.Cryptography.Key;

namespace EdgeMesh.Security
{
    /// <summary>
    /// A 32-byte key for ChaCha20-Poly1305 or XChaCha20-Poly1305 (NSec); ciphertexts carry their
    /// 16-byte tag at the end. The key lives in guarded memory and is zeroed when disposed. Thread-safe.
    /// </summary>
    public sealed class AeadKey : IDisposable
    {
        /// <summary>Key length.</summary>
        public const int KeyLength = 32;

        /// <summary>Authentication tag length.</summary>
        public const int TagLength = 16;

        private readonly NsecAead _cipher;
        private readonly NsecKey _key;

        /// <summary>Copies <paramref name="key"/> (32 bytes) into guarded memory.</summary>
        public AeadKey(AeadAlgorithm algorithm, ReadOnlySpan<byte> key)
        {
            if (key.Length != KeyLength || (algorithm != AeadAlgorithm.ChaCha20Poly1305 && algorithm != AeadAlgorithm.XChaCha20Poly1305))
            {
                throw new ArgumentException("an AEAD key is 32 bytes for a defined algorithm", nameof(key));
            }

            Sodium.EnsureInitialized();
            Algorithm = algorithm;
            _cipher = algorithm == AeadAlgorithm.XChaCha20Poly1305 ? NsecAead.XChaCha20Poly1305 : NsecAead.ChaCha20Poly1305;
            _key = NsecKey.Import(_cipher, key, KeyBlobFormat.RawSymmetricKey);
        }

        /// <summary>The cipher this key is for.</summary>
        public AeadAlgorithm Algorithm { get; }

        /// <summary>Nonce length of <see cref="Algorithm"/>: 12 or 24 bytes.</summary>
        public int NonceLength => _cipher.NonceSize;

        /// <summary>
        /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/>: the encrypted bytes
        /// (same length) followed by the tag. Never reuse a nonce with the same key.
        /// </summary>
        public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext)
        {
            if (nonce.Length != NonceLength || ciphertext.Length < plaintext.Length + TagLength)
            {
                throw new ArgumentException("the nonce or the ciphertext buffer has the wrong length");
            }

            _cipher.Encrypt(_key, nonce, associatedData, plaintext, ciphertext.Slice(0, plaintext.Length + TagLength));
        }

        /// <summary>
        /// Checks the tag at the end of <paramref name="ciphertext"/> and decrypts. False for a bad tag or
        /// malformed input (nothing is written then); untrusted input never throws.
        /// </summary>
        public bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
        {
            if (nonce.Length != NonceLength || ciphertext.Length < TagLength || plaintext.Length < ciphertext.Length - TagLength)
            {
                return false;
            }

            return _cipher.Decrypt(_key, nonce, associatedData, ciphertext, plaintext.Slice(0, ciphertext.Length - TagLength));
        }

        /// <summary>Zeroes and frees the key.</summary>
        public void Dispose()
        {
            _key.Dispose();
        }
    }
}
