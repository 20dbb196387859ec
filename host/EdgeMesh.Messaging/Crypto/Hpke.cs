using System;
using System.Security.Cryptography;
using EdgeMesh.Security;

namespace EdgeMesh.Messaging.Crypto
{
    /// <summary>
    /// HPKE base mode (RFC 9180 §5.1.1), single-shot, with the suite DHKEM(X25519, HKDF-SHA256) /
    /// HKDF-SHA256 / ChaCha20-Poly1305 (KEM 0x0020, KDF 0x0001, AEAD 0x0003). One message per
    /// ephemeral key, so the sequence number is always 0 and the nonce is the base nonce. Checked
    /// against the RFC's test vector A.2.1. Thread-safe (no state).
    /// </summary>
    internal static class Hpke
    {
        internal const int EncLength = 32;
        internal const int TagLength = 16;
        internal const int KeyLength = 32;
        internal const int NonceLength = 12;
        internal const int MaxInfoLength = 64;
        private const int HashLength = 32;

        // Longest labelled input: "HPKE-v1" (7) + suite id (10) + label (13) + ikm or info (≤ 65).
        private const int ScratchLength = 2 + 7 + 10 + 16 + 65;

        private static ReadOnlySpan<byte> VersionLabel => "HPKE-v1"u8;

        /// <summary>"KEM" ‖ I2OSP(0x0020, 2).</summary>
        private static ReadOnlySpan<byte> KemSuiteId => new byte[] { 0x4B, 0x45, 0x4D, 0x00, 0x20 };

        /// <summary>"HPKE" ‖ KEM 0x0020 ‖ KDF 0x0001 ‖ AEAD 0x0003.</summary>
        private static ReadOnlySpan<byte> HpkeSuiteId => new byte[] { 0x48, 0x50, 0x4B, 0x45, 0x00, 0x20, 0x00, 0x01, 0x00, 0x03 };

        /// <summary>
        /// Encrypts <paramref name="plaintext"/> to <paramref name="recipientPublicKey"/> with the given
        /// ephemeral key (whose public key is the encapsulation <c>enc</c>). Writes ciphertext ‖ tag
        /// (plaintext length + 16). False for a low-order recipient key.
        /// </summary>
        internal static bool TrySeal(X25519KeyPair ephemeral, ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> info, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
        {
            if (ciphertext.Length < plaintext.Length + TagLength || recipientPublicKey.Length != EncLength)
            {
                throw new ArgumentException("the ciphertext buffer is shorter than the plaintext and tag, or the key is not 32 bytes");
            }

            Span<byte> secrets = stackalloc byte[HashLength + KeyLength + NonceLength];
            try
            {
                if (!TryDeriveContext(ephemeral, recipientPublicKey, ephemeral.PublicKey, recipientPublicKey, info, secrets))
                {
                    return false;
                }

                using var key = new AeadKey(AeadAlgorithm.ChaCha20Poly1305, secrets.Slice(HashLength, KeyLength));
                key.Encrypt(secrets.Slice(HashLength + KeyLength, NonceLength), plaintext, associatedData, ciphertext.Slice(0, plaintext.Length + TagLength));
                return true;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secrets);
            }
        }

        /// <summary>
        /// Decrypts ciphertext ‖ tag sealed to <paramref name="recipient"/> with encapsulation
        /// <paramref name="enc"/>. False for a bad tag, a wrong key, modified associated data or info,
        /// or a low-order <paramref name="enc"/>; nothing from the network makes it throw.
        /// </summary>
        internal static bool TryOpen(X25519KeyPair recipient, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> info, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
        {
            if (enc.Length != EncLength || ciphertext.Length < TagLength || plaintext.Length < ciphertext.Length - TagLength || info.Length > MaxInfoLength)
            {
                return false;
            }

            Span<byte> secrets = stackalloc byte[HashLength + KeyLength + NonceLength];
            try
            {
                if (!TryDeriveContext(recipient, enc, enc, recipient.PublicKey, info, secrets))
                {
                    return false;
                }

                using var key = new AeadKey(AeadAlgorithm.ChaCha20Poly1305, secrets.Slice(HashLength, KeyLength));
                return key.TryDecrypt(secrets.Slice(HashLength + KeyLength, NonceLength), ciphertext, associatedData, plaintext);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secrets);
            }
        }

        /// <summary>
        /// DHKEM shared secret (RFC 9180 §4.1) then the base-mode key schedule (§5.1). Writes
        /// shared_secret ‖ key ‖ base_nonce into <paramref name="secrets"/>.
        /// </summary>
        internal static bool TryDeriveContext(X25519KeyPair own, ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> info, Span<byte> secrets)
        {
            if (info.Length > MaxInfoLength)
            {
                throw new ArgumentException("HPKE info is limited to 64 bytes here", nameof(info));
            }

            Span<byte> dh = stackalloc byte[X25519KeyPair.KeyLength];
            Span<byte> prk = stackalloc byte[HashLength];
            try
            {
                if (!own.TryDeriveSharedSecret(peerPublicKey, dh))
                {
                    return false;
                }

                // ExtractAndExpand(dh, kem_context = enc ‖ pkR)
                Span<byte> kemContext = stackalloc byte[2 * EncLength];
                enc.CopyTo(kemContext);
                recipientPublicKey.CopyTo(kemContext.Slice(EncLength));
                Span<byte> sharedSecret = secrets.Slice(0, HashLength);
                LabeledExtract(KemSuiteId, ReadOnlySpan<byte>.Empty, "eae_prk"u8, dh, prk);
                LabeledExpand(KemSuiteId, prk, "shared_secret"u8, kemContext, sharedSecret);

                KeySchedule(sharedSecret, info, secrets.Slice(HashLength, KeyLength), secrets.Slice(HashLength + KeyLength, NonceLength));
                return true;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dh);
                CryptographicOperations.ZeroMemory(prk);
            }
        }

        /// <summary>KeySchedule(mode_base, shared_secret, info, psk = "", psk_id = "") → key, base_nonce.</summary>
        internal static void KeySchedule(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> info, Span<byte> key, Span<byte> baseNonce)
        {
            Span<byte> context = stackalloc byte[1 + (2 * HashLength)];
            Span<byte> secret = stackalloc byte[HashLength];
            try
            {
                context[0] = 0x00; // mode_base
                LabeledExtract(HpkeSuiteId, ReadOnlySpan<byte>.Empty, "psk_id_hash"u8, ReadOnlySpan<byte>.Empty, context.Slice(1, HashLength));
                LabeledExtract(HpkeSuiteId, ReadOnlySpan<byte>.Empty, "info_hash"u8, info, context.Slice(1 + HashLength, HashLength));
                LabeledExtract(HpkeSuiteId, sharedSecret, "secret"u8, ReadOnlySpan<byte>.Empty, secret);
                LabeledExpand(HpkeSuiteId, secret, "key"u8, context, key);
                LabeledExpand(HpkeSuiteId, secret, "base_nonce"u8, context, baseNonce);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }

        /// <summary>LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" ‖ suite_id ‖ label ‖ ikm).</summary>
        private static void LabeledExtract(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ikm, Span<byte> prk)
        {
            Span<byte> scratch = stackalloc byte[ScratchLength];
            try
            {
                int length = Concat(scratch, VersionLabel, suiteId, label, ikm);
                HKDF.Extract(HashAlgorithmName.SHA256, scratch.Slice(0, length), salt, prk);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(scratch);
            }
        }

        /// <summary>LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) ‖ "HPKE-v1" ‖ suite_id ‖ label ‖ info, L).</summary>
        private static void LabeledExpand(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> label, ReadOnlySpan<byte> info, Span<byte> output)
        {
            Span<byte> scratch = stackalloc byte[ScratchLength];
            scratch[0] = (byte)(output.Length >> 8);
            scratch[1] = (byte)output.Length;
            int length = 2 + Concat(scratch.Slice(2), VersionLabel, suiteId, label, info);
            HKDF.Expand(HashAlgorithmName.SHA256, prk, output, scratch.Slice(0, length));
        }

        private static int Concat(Span<byte> destination, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d)
        {
            a.CopyTo(destination);
            b.CopyTo(destination.Slice(a.Length));
            c.CopyTo(destination.Slice(a.Length + b.Length));
            d.CopyTo(destination.Slice(a.Length + b.Length + c.Length));
            return a.Length + b.Length + c.Length + d.Length;
        }
    }
}
