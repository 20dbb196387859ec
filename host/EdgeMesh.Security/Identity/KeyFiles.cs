using System;

namespace EdgeMesh.Security.Identity
{
    /// <summary>
    /// Reads and writes key files (docs/identity.md §2). Secret key files are created with mode 0600
    /// and refused at load when group or others have any access. Nothing here throws for a bad or
    /// missing file: every call returns a <see cref="FileError"/> and a message for the user.
    /// </summary>
    public static class KeyFiles
    {
        /// <summary>Secret key file of a node directory.</summary>
        public const string NodeSecretKeyFile = "node.key";

        /// <summary>Public key file of a node directory.</summary>
        public const string NodePublicKeyFile = "node.pub";

        /// <summary>Certificate file of a node directory.</summary>
        public const string NodeCertificateFile = "node.cert";

        /// <summary>Secret key file of a fleet directory.</summary>
        public const string FleetSecretKeyFile = "fleet.key";

        /// <summary>Public key file of a fleet directory.</summary>
        public const string FleetPublicKeyFile = "fleet.pub";

        /// <summary>Revocation list file of a fleet directory.</summary>
        public const string RevocationListFile = "revocations.bin";

        /// <summary>Length of a secret key file.</summary>
        public const int SecretKeyFileLength = 72;

        /// <summary>Length of a public key file.</summary>
        public const int PublicKeyFileLength = 40;

        private const int OffsetVersion = 4;
        private const int OffsetPurpose = 5;
        private const int OffsetKey = 8;
        private const byte FormatVersion = 1;

        private static ReadOnlySpan<byte> SecretMagic => "EMSK"u8;

        private static ReadOnlySpan<byte> PublicMagic => "EMPK"u8;

        /// <summary>Writes the secret key file (mode 0600) and the public key file (mode 0644).</summary>
        public static FileError WriteKeyPair(string secretKeyPath, string publicKeyPath, Ed25519KeyPair keys, KeyPurpose purpose, bool overwrite, out string message)
        {
            ArgumentNullException.ThrowIfNull(keys);
            byte[] secret = GC.AllocateArray<byte>(SecretKeyFileLength, pinned: true);
            try
            {
                WritePreamble(secret, SecretMagic, purpose);
                keys.ExportSeed(secret.AsSpan(OffsetKey, Ed25519KeyPair.SeedLength));
                keys.PublicKey.CopyTo(secret.AsSpan(OffsetKey + Ed25519KeyPair.SeedLength));
                FileError error = SecureFile.Write(secretKeyPath, secret, SecureFile.OwnerOnly, overwrite, out message);
                if (error != FileError.None)
                {
                    return error;
                }
            }
            finally
            {
                CryptographicWipe(secret);
            }

            Span<byte> pub = stackalloc byte[PublicKeyFileLength];
            WritePreamble(pub, PublicMagic, purpose);
            keys.PublicKey.CopyTo(pub.Slice(OffsetKey));
            return SecureFile.Write(publicKeyPath, pub, SecureFile.WorldReadable, overwrite, out message);
        }

        /// <summary>Loads a secret key file after checking its permissions and contents.</summary>
        public static FileError TryLoadKeyPair(string secretKeyPath, KeyPurpose purpose, out Ed25519KeyPair? keys, out string message)
        {
            keys = null;
            byte[] buffer = GC.AllocateArray<byte>(SecretKeyFileLength + 1, pinned: true);
            try
            {
                FileError error = SecureFile.Read(secretKeyPath, buffer, requireOwnerOnly: true, out int length, out message);
                if (error != FileError.None)
                {
                    return error;
                }

                error = CheckPreamble(buffer.AsSpan(0, length), SecretKeyFileLength, SecretMagic, purpose, secretKeyPath, out message);
                if (error != FileError.None)
                {
                    return error;
                }

                Ed25519KeyPair loaded = Ed25519KeyPair.FromSeed(buffer.AsSpan(OffsetKey, Ed25519KeyPair.SeedLength));
                if (!loaded.PublicKey.SequenceEqual(buffer.AsSpan(OffsetKey + Ed25519KeyPair.SeedLength, Ed25519KeyPair.PublicKeyLength)))
                {
                    loaded.Dispose();
                    message = secretKeyPath + ": the stored public key does not match the secret key (file damaged?)";
                    return FileError.KeyMismatch;
                }

                keys = loaded;
                message = string.Empty;
                return FileError.None;
            }
            finally
            {
                CryptographicWipe(buffer);
            }
        }

        /// <summary>Loads a node key file as a node identity.</summary>
        public static FileError TryLoadNode(string secretKeyPath, out NodeKeyPair? identity, out string message)
        {
            identity = null;
            FileError error = TryLoadKeyPair(secretKeyPath, KeyPurpose.Node, out Ed25519KeyPair? keys, out message);
            if (error == FileError.None && !NodeKeyPair.TryCreate(keys!, out identity))
            {
                keys!.Dispose();
                message = secretKeyPath + ": this key's node id would be all zero; generate a new key";
                return FileError.Malformed;
            }

            return error;
        }

        /// <summary>Loads a public key file into <paramref name="publicKey"/> (32 bytes).</summary>
        public static FileError TryLoadPublicKey(string publicKeyPath, KeyPurpose purpose, Span<byte> publicKey, out string message)
        {
            Span<byte> buffer = stackalloc byte[PublicKeyFileLength + 1];
            FileError error = SecureFile.Read(publicKeyPath, buffer, requireOwnerOnly: false, out int length, out message);
            if (error == FileError.None)
            {
                error = CheckPreamble(buffer.Slice(0, length), PublicKeyFileLength, PublicMagic, purpose, publicKeyPath, out message);
            }

            if (error == FileError.None)
            {
                buffer.Slice(OffsetKey, Ed25519KeyPair.PublicKeyLength).CopyTo(publicKey);
            }

            return error;
        }

        /// <summary>Creates a key directory with mode 0700 unless it exists.</summary>
        public static FileError EnsureDirectory(string path, out string message)
        {
            return SecureFile.EnsureDirectory(path, out message);
        }

        /// <summary>Writes a public document (certificate, revocation list) with mode 0644, replacing any old one atomically.</summary>
        public static FileError WriteDocument(string path, ReadOnlySpan<byte> content, out string message)
        {
            return SecureFile.Write(path, content, SecureFile.WorldReadable, overwrite: true, out message);
        }

        /// <summary>Reads a document of at most <paramref name="maxLength"/> bytes; longer files are <see cref="FileError.Malformed"/>.</summary>
        public static FileError TryReadDocument(string path, int maxLength, out byte[] content, out string message)
        {
            byte[] buffer = new byte[maxLength + 1];
            FileError error = SecureFile.Read(path, buffer, requireOwnerOnly: false, out int length, out message);
            content = error == FileError.None ? buffer.AsSpan(0, length).ToArray() : Array.Empty<byte>();
            return error;
        }

        private static void WritePreamble(Span<byte> file, ReadOnlySpan<byte> magic, KeyPurpose purpose)
        {
            magic.CopyTo(file);
            file[OffsetVersion] = FormatVersion;
            file[OffsetPurpose] = (byte)purpose;
            file[6] = 0;
            file[7] = 0;
        }

        private static FileError CheckPreamble(ReadOnlySpan<byte> file, int expectedLength, ReadOnlySpan<byte> magic, KeyPurpose purpose, string path, out string message)
        {
            if (file.Length != expectedLength || !file.StartsWith(magic) || file[OffsetVersion] != FormatVersion || file[6] != 0 || file[7] != 0)
            {
                message = path + ": not an EdgeMesh " + (magic.SequenceEqual(SecretMagic) ? "secret" : "public")
                    + " key file (expected " + expectedLength + " bytes starting with '" + System.Text.Encoding.ASCII.GetString(magic) + "', version 1)";
                return FileError.Malformed;
            }

            if (file[OffsetPurpose] != (byte)purpose)
            {
                message = path + ": holds a " + PurposeName(file[OffsetPurpose]) + " key, but a " + PurposeName((byte)purpose) + " key is needed here";
                return FileError.WrongPurpose;
            }

            message = string.Empty;
            return FileError.None;
        }

        private static string PurposeName(byte purpose)
        {
            return purpose switch
            {
                (byte)KeyPurpose.Node => "node",
                (byte)KeyPurpose.FleetRoot => "fleet root",
                _ => "unknown (" + purpose + ")",
            };
        }

        private static void CryptographicWipe(byte[] buffer)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
