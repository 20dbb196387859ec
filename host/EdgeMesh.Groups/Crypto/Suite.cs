using System;
using System.Security.Cryptography;
using System.Text;
using EdgeMesh.Groups.Codec;
using NSec.Cryptography;

namespace EdgeMesh.Groups.Crypto
{
    /// <summary>
    /// The primitives of cipher suite 1 (MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519) and the
    /// labelled MLS helpers built on them (RFC 9420 §5.1, §5.2, §8).
    /// </summary>
    internal static class Suite
    {
        public const ushort Id = 1;
        public const ushort ProtocolVersion = 1;

        /// <summary>Hash and KDF output length (SHA-256).</summary>
        public const int Nh = 32;

        /// <summary>AEAD key length (AES-128-GCM).</summary>
        public const int Nk = 16;

        /// <summary>AEAD nonce length.</summary>
        public const int Nn = 12;

        public const int TagLength = 16;

        private static readonly byte[] MlsPrefix = Encoding.ASCII.GetBytes("MLS 1.0 ");

        public static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

        public static byte[] Hash(ReadOnlySpan<byte> data) => SHA256.HashData(data);

        public static byte[] Extract(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm)
        {
            // HKDF-Extract is HMAC(salt, ikm); an empty salt is padded by HMAC to a zero key.
            return HMACSHA256.HashData(salt, ikm);
        }

        public static byte[] Expand(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, int length)
        {
            byte[] output = new byte[length];
            HKDF.Expand(HashAlgorithmName.SHA256, prk, output, info);
            return output;
        }

        public static byte[] Mac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => HMACSHA256.HashData(key, data);

        public static bool VerifyMac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> tag)
        {
            Span<byte> expected = stackalloc byte[Nh];
            HMACSHA256.HashData(key, data, expected);
            return tag.Length == Nh && CryptographicOperations.FixedTimeEquals(expected, tag);
        }

        private static void WriteLabel(TlsWriter writer, string label)
        {
            int mark = writer.BeginVector();
            writer.Fixed(MlsPrefix);
            Span<byte> ascii = stackalloc byte[label.Length];
            Encoding.ASCII.GetBytes(label, ascii);
            writer.Fixed(ascii);
            writer.EndVector(mark);
        }

        /// <summary>ExpandWithLabel(secret, label, context, length).</summary>
        public static byte[] ExpandWithLabel(ReadOnlySpan<byte> secret, string label, ReadOnlySpan<byte> context, int length)
        {
            TlsWriter info = new TlsWriter(64 + context.Length);
            info.U16((ushort)length);
            WriteLabel(info, label);
            info.VarBytes(context);
            byte[] result = Expand(secret, info.Written, length);
            info.Clear();
            return result;
        }

        public static byte[] DeriveSecret(ReadOnlySpan<byte> secret, string label) => ExpandWithLabel(secret, label, default, Nh);

        public static byte[] DeriveTreeSecret(ReadOnlySpan<byte> secret, string label, uint generation, int length)
        {
            Span<byte> context = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(context, generation);
            return ExpandWithLabel(secret, label, context, length);
        }

        /// <summary>RefHash(label, value); the label is used as given (it already carries "MLS 1.0").</summary>
        public static byte[] RefHash(string label, ReadOnlySpan<byte> value)
        {
            TlsWriter input = new TlsWriter(value.Length + 48);
            input.VarBytes(Encoding.ASCII.GetBytes(label));
            input.VarBytes(value);
            return Hash(input.Written);
        }

        private static byte[] SignContent(string label, ReadOnlySpan<byte> content)
        {
            TlsWriter writer = new TlsWriter(content.Length + 48);
            WriteLabel(writer, label);
            writer.VarBytes(content);
            return writer.ToArray();
        }

        public static byte[] SignWithLabel(ReadOnlySpan<byte> privateSeed, string label, ReadOnlySpan<byte> content)
        {
            using Key key = Key.Import(Ed25519, privateSeed, KeyBlobFormat.RawPrivateKey);
            return Ed25519.Sign(key, SignContent(label, content));
        }

        public static byte[] SignWithLabel(Key key, string label, ReadOnlySpan<byte> content) => Ed25519.Sign(key, SignContent(label, content));

        public static bool VerifyWithLabel(ReadOnlySpan<byte> publicKey, string label, ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature)
        {
            if (publicKey.Length != 32 || signature.Length != 64)
            {
                return false;
            }

            if (!PublicKey.TryImport(Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? key) || key is null)
            {
                return false;
            }

            return Ed25519.Verify(key, SignContent(label, content), signature);
        }

        /// <summary>The Ed25519 public key for a 32-byte seed.</summary>
        public static byte[] SignaturePublicKey(ReadOnlySpan<byte> privateSeed)
        {
            using Key key = Key.Import(Ed25519, privateSeed, KeyBlobFormat.RawPrivateKey);
            return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        }

        internal static byte[] EncryptContext(string label, ReadOnlySpan<byte> context)
        {
            TlsWriter writer = new TlsWriter(context.Length + 48);
            WriteLabel(writer, label);
            writer.VarBytes(context);
            return writer.ToArray();
        }

        /// <summary>EncryptWithLabel: HPKE base-mode seal with the labelled context as info.</summary>
        public static HpkeCiphertext EncryptWithLabel(ReadOnlySpan<byte> publicKey, string label, ReadOnlySpan<byte> context, ReadOnlySpan<byte> plaintext)
        {
            return Hpke.SealBase(publicKey, EncryptContext(label, context), default, plaintext, null);
        }

        public static MlsError DecryptWithLabel(ReadOnlySpan<byte> privateKey, string label, ReadOnlySpan<byte> context, ReadOnlySpan<byte> kemOutput, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
        {
            return Hpke.OpenBase(privateKey, kemOutput, EncryptContext(label, context), default, ciphertext, out plaintext);
        }

        public static byte[] AeadSeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext)
        {
            byte[] output = new byte[plaintext.Length + TagLength];
            using AesGcm aes = new AesGcm(key, TagLength);
            aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), aad);
            return output;
        }

        public static MlsError AeadOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
        {
            plaintext = Array.Empty<byte>();
            if (ciphertext.Length < TagLength || key.Length != Nk || nonce.Length != Nn)
            {
                return MlsError.DecryptFailed;
            }

            byte[] output = new byte[ciphertext.Length - TagLength];
            using AesGcm aes = new AesGcm(key, TagLength);
            try
            {
                aes.Decrypt(nonce, ciphertext.Slice(0, output.Length), ciphertext.Slice(output.Length), output, aad);
            }
            catch (AuthenticationTagMismatchException)
            {
                return MlsError.DecryptFailed;
            }

            plaintext = output;
            return MlsError.None;
        }
    }
}
