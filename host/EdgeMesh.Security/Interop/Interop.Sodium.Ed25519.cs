using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    internal static partial class Interop
    {
        /// <summary>libsodium Ed25519 (crypto_sign_ed25519_*). Secret keys are 64 bytes: seed then public key.</summary>
        internal static unsafe partial class Sodium
        {
            internal const int Ed25519PublicKeyBytes = 32;
            internal const int Ed25519SecretKeyBytes = 64;
            internal const int Ed25519SeedBytes = 32;
            internal const int Ed25519SignatureBytes = 64;

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_sign_ed25519_seed_keypair")]
            internal static partial int Ed25519SeedKeyPair(byte* publicKey, SecureMemoryHandle secretKey, byte* seed);

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_sign_ed25519_detached")]
            internal static partial int Ed25519SignDetached(byte* signature, ulong* signatureLength, byte* message, ulong messageLength, SecureMemoryHandle secretKey);

            /// <summary>Raw-pointer variant for callers that hold the secret key pinned themselves (benchmarks).</summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_sign_ed25519_detached")]
            internal static partial int Ed25519SignDetached(byte* signature, ulong* signatureLength, byte* message, ulong messageLength, nint secretKey);

            /// <summary>Returns 0 when the signature is valid for the message and key, -1 otherwise.</summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_sign_ed25519_verify_detached")]
            internal static partial int Ed25519VerifyDetached(byte* signature, byte* message, ulong messageLength, byte* publicKey);

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_sign_ed25519_sk_to_seed")]
            internal static partial int Ed25519SecretKeyToSeed(byte* seed, SecureMemoryHandle secretKey);

            /// <summary>Maps an Ed25519 public key to its X25519 form; -1 for a malformed or small-order key.</summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_sign_ed25519_pk_to_curve25519")]
            internal static partial int Ed25519PublicKeyToX25519(byte* x25519PublicKey, byte* ed25519PublicKey);

            /// <summary>Writes the X25519 secret scalar of an Ed25519 secret key (the hashed, clamped seed).</summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_sign_ed25519_sk_to_curve25519")]
            internal static partial int Ed25519SecretKeyToX25519(SecureMemoryHandle x25519SecretKey, SecureMemoryHandle ed25519SecretKey);
        }
    }
}
