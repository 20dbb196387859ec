using System;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace EdgeMesh.Groups.Crypto
{
    /// <summary>
    /// HPKE (RFC 9180) base mode for DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-128-GCM:
    /// single-shot seal/open, the receiver's context for exporting secrets, and DeriveKeyPair.
    /// An all-zero X25519 output (a small-order peer key) is refused.
    /// </summary>
    internal static class Hpke
    {
        private static readonly KeyAgreementAlgorithm X25519 = KeyAgreementAlgorithm.X25519;
        private static readonly byte[] Version = Encoding.ASCII.GetBytes("HPKE-v1");
        private static readonly byte[] KemSuiteId = { (byte)'K', (byte)'E', (byte)'M', 0x00, 0x20 };
        private static readonly byte[] HpkeSuiteId = { (byte)'H', (byte)'P', (byte)'K', (byte)'E', 0x00, 0x20, 0x00, 0x01, 0x00, 0x01 };


        public const int PublicKeyLength = 32;

        private static byte[] LabeledExtract(byte[] suiteId, ReadOnlySpan<byte> salt, string label, ReadOnlySpan<byte> ikm)
        {
            byte[] input = new byte[Version.Length + suiteId.Length + label.Length + ikm.Length];
            Version.CopyTo(input, 0);
            suiteId.CopyTo(input, Version.Length);
            Encoding.ASCII.GetBytes(label, input.AsSpan(Version.Length + suiteId.Length));
            ikm.CopyTo(input.AsSpan(Version.Length + suiteId.Length + label.Length));
            byte[] result = Suite.Extract(salt, input);
            CryptographicOperations.ZeroMemory(input);
            return result;
        }

        private static byte[] LabeledExpand(byte[] suiteId, ReadOnlySpan<byte> prk, string label, ReadOnlySpan<byte> info, int length)
        {
            byte[] labeled = new byte[2 + Version.Length + suiteId.Length + label.Length + info.Length];
            labeled[0] = (byte)(length >> 8);
            labeled[1] = (byte)length;
            Version.CopyTo(labeled, 2);
            suiteId.CopyTo(labeled, 2 + Version.Length);
            Encoding.ASCII.GetBytes(label, labeled.AsSpan(2 + Version.Length + suiteId.Length));
            info.CopyTo(labeled.AsSpan(2 + Version.Length + suiteId.Length + label.Length));
            return Suite.Expand(prk, labeled, length);
        }

        /// <summary>DeriveKeyPair(ikm) for X25519: returns the private key; the public key via <see cref="PublicKeyOf"/>.</summary>
        public static byte[] DeriveKeyPair(ReadOnlySpan<byte> ikm, out byte[] publicKey)
        {
            byte[] dkpPrk = LabeledExtract(KemSuiteId, default, "dkp_prk", ikm);
            byte[] sk = LabeledExpand(KemSuiteId, dkpPrk, "sk", default, 32);
            CryptographicOperations.ZeroMemory(dkpPrk);
            publicKey = PublicKeyOf(sk);
            return sk;
        }

        /// <summary>The X25519 public key for a private key, or an empty array if it cannot be imported.</summary>
        public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey)
        {
            if (privateKey.Length != 32)
            {
                return Array.Empty<byte>();
            }

            using Key key = Key.Import(X25519, privateKey, KeyBlobFormat.RawPrivateKey);
            return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        }

        private static MlsError Dh(Key key, ReadOnlySpan<byte> publicKey, out byte[] shared)
        {
            shared = Array.Empty<byte>();
            if (publicKey.Length != PublicKeyLength)
            {
                return MlsError.BadKey;
            }

            if (!PublicKey.TryImport(X25519, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? peer) || peer is null)
            {
                return MlsError.BadKey;
            }

            SharedSecretCreationParameters exportable = new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
            using SharedSecret? secret = X25519.Agree(key, peer, in exportable);
            if (secret is null)
            {
                // libsodium refuses an all-zero result; NSec reports that as no secret.
                return MlsError.WeakKey;
            }

            byte[] raw = secret.Export(SharedSecretBlobFormat.RawSharedSecret);
            bool allZero = true;
            foreach (byte b in raw)
            {
                allZero &= b == 0;
            }

            if (allZero)
            {
                return MlsError.WeakKey;
            }

            shared = raw;
            return MlsError.None;
        }

        private static byte[] ExtractAndExpand(byte[] dh, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> pkR)
        {
            byte[] kemContext = new byte[enc.Length + pkR.Length];
            enc.CopyTo(kemContext);
            pkR.CopyTo(kemContext.AsSpan(enc.Length));
            byte[] eaePrk = LabeledExtract(KemSuiteId, default, "eae_prk", dh);
            byte[] shared = LabeledExpand(KemSuiteId, eaePrk, "shared_secret", kemContext, 32);
            CryptographicOperations.ZeroMemory(eaePrk);
            return shared;
        }

        /// <summary>Encap with a fresh ephemeral key, or with one derived from <paramref name="ikmE"/> (tests only).</summary>
        public static MlsError Encap(ReadOnlySpan<byte> pkR, byte[]? ikmE, out byte[] sharedSecret, out byte[] enc)
        {
            sharedSecret = Array.Empty<byte>();
            Key ephemeral;
            if (ikmE is null)
            {
                // The ephemeral key never leaves NSec's secure memory; one key creation, one agreement.
                ephemeral = Key.Create(X25519);
            }
            else
            {
                byte[] skE = DeriveKeyPair(ikmE, out _);
                ephemeral = Key.Import(X25519, skE, KeyBlobFormat.RawPrivateKey);
                CryptographicOperations.ZeroMemory(skE);
            }

            using (ephemeral)
            {
                enc = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
                MlsError error = Dh(ephemeral, pkR, out byte[] dh);
                if (error != MlsError.None)
                {
                    return error;
                }

                sharedSecret = ExtractAndExpand(dh, enc, pkR);
                CryptographicOperations.ZeroMemory(dh);
                return MlsError.None;
            }
        }

        public static MlsError Decap(ReadOnlySpan<byte> enc, ReadOnlySpan<byte> skR, out byte[] sharedSecret)
        {
            sharedSecret = Array.Empty<byte>();
            if (skR.Length != 32)
            {
                return MlsError.BadKey;
            }

            using Key key = Key.Import(X25519, skR, KeyBlobFormat.RawPrivateKey);
            MlsError error = Dh(key, enc, out byte[] dh);
            if (error != MlsError.None)
            {
                return error;
            }

            byte[] pkR = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            sharedSecret = ExtractAndExpand(dh, enc, pkR);
            CryptographicOperations.ZeroMemory(dh);
            return MlsError.None;
        }

        private static readonly byte[] EmptyPskIdHash = LabeledExtract(HpkeSuiteId, default, "psk_id_hash", default);

        /// <summary>key_schedule_context for base mode: mode, psk_id_hash (constant), info_hash.</summary>
        public static byte[] KeyScheduleContext(ReadOnlySpan<byte> info)
        {
            byte[] infoHash = LabeledExtract(HpkeSuiteId, default, "info_hash", info);
            byte[] context = new byte[1 + EmptyPskIdHash.Length + infoHash.Length];
            context[0] = 0; // mode_base
            EmptyPskIdHash.CopyTo(context, 1);
            infoHash.CopyTo(context, 1 + EmptyPskIdHash.Length);
            return context;
        }

        /// <summary>The base-mode key schedule: key, base nonce and exporter secret.</summary>
        public static HpkeContext KeySchedule(byte[] sharedSecret, ReadOnlySpan<byte> info) => KeyScheduleFromContext(sharedSecret, KeyScheduleContext(info), true);

        private static HpkeContext KeyScheduleFromContext(byte[] sharedSecret, byte[] context, bool withExporter)
        {
            byte[] secret = LabeledExtract(HpkeSuiteId, sharedSecret, "secret", default);
            HpkeContext result = new HpkeContext(
                LabeledExpand(HpkeSuiteId, secret, "key", context, Suite.Nk),
                LabeledExpand(HpkeSuiteId, secret, "base_nonce", context, Suite.Nn),
                withExporter ? LabeledExpand(HpkeSuiteId, secret, "exp", context, Suite.Nh) : Array.Empty<byte>());
            CryptographicOperations.ZeroMemory(secret);
            return result;
        }

        /// <summary>
        /// Single-shot seal when many recipients share one info (an UpdatePath node's copath, a
        /// Welcome): the info hash is computed once by the caller and no exporter secret is derived.
        /// </summary>
        public static HpkeCiphertext SealWithContext(ReadOnlySpan<byte> pkR, byte[] keyScheduleContext, ReadOnlySpan<byte> plaintext)
        {
            MlsError error = Encap(pkR, null, out byte[] shared, out byte[] enc);
            if (error != MlsError.None)
            {
                return new HpkeCiphertext(enc, Array.Empty<byte>());
            }

            using HpkeContext context = KeyScheduleFromContext(shared, keyScheduleContext, false);
            CryptographicOperations.ZeroMemory(shared);
            return new HpkeCiphertext(enc, context.Seal(default, plaintext));
        }

        internal static byte[] ExportFrom(byte[] exporterSecret, ReadOnlySpan<byte> exporterContext, int length)
            => LabeledExpand(HpkeSuiteId, exporterSecret, "sec", exporterContext, length);

        public static HpkeCiphertext SealBase(ReadOnlySpan<byte> pkR, ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext, byte[]? ikmE)
        {
            MlsError error = Encap(pkR, ikmE, out byte[] shared, out byte[] enc);
            if (error != MlsError.None)
            {
                // Our own peer's key is bad: an empty ciphertext can never open, which the caller's peer reports.
                return new HpkeCiphertext(enc, Array.Empty<byte>());
            }

            using HpkeContext context = KeySchedule(shared, info);
            CryptographicOperations.ZeroMemory(shared);
            return new HpkeCiphertext(enc, context.Seal(aad, plaintext));
        }

        public static MlsError OpenBase(ReadOnlySpan<byte> skR, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
        {
            plaintext = Array.Empty<byte>();
            MlsError error = Decap(enc, skR, out byte[] shared);
            if (error != MlsError.None)
            {
                return error;
            }

            using HpkeContext context = KeySchedule(shared, info);
            CryptographicOperations.ZeroMemory(shared);
            return context.Open(aad, ciphertext, out plaintext);
        }

        /// <summary>SetupBaseR followed by Export (used for the external init secret).</summary>
        public static MlsError ReceiveExport(ReadOnlySpan<byte> skR, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> info, ReadOnlySpan<byte> exporterContext, int length, out byte[] exported)
        {
            exported = Array.Empty<byte>();
            MlsError error = Decap(enc, skR, out byte[] shared);
            if (error != MlsError.None)
            {
                return error;
            }

            using HpkeContext context = KeySchedule(shared, info);
            CryptographicOperations.ZeroMemory(shared);
            exported = context.Export(exporterContext, length);
            return MlsError.None;
        }
    }
}
