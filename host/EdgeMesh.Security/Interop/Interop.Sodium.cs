using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    internal static partial class Interop
    {
        /// <summary>
        /// The two libsodium functions EdgeMesh needs that NSec does not expose (docs/identity.md §7).
        /// Everything else (Ed25519, X25519, AEADs, BLAKE2b-256/512 and keyed BLAKE2b, random bytes,
        /// guarded key memory) goes through NSec. Callers make sure NSec has run sodium_init first
        /// (<see cref="EdgeMesh.Security.Sodium.EnsureInitialized"/>).
        /// </summary>
        internal static unsafe partial class Sodium
        {
            /// <summary>
            /// Maps an Ed25519 public key to the X25519 key of the same secret (RFC 7748 §4.1 birational
            /// map); returns -1 for a malformed or small-order point.
            /// </summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_sign_ed25519_pk_to_curve25519")]
            internal static partial int Ed25519PublicKeyToX25519(byte* x25519PublicKey, byte* ed25519PublicKey);

            /// <summary>
            /// Unkeyed BLAKE2b with a 16-byte output, the outbox file checksum (NSec's BLAKE2b starts at
            /// 32 bytes, and BLAKE2b-128 is not a truncation of BLAKE2b-256, so files written before NSec
            /// would no longer verify).
            /// </summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_generichash_blake2b")]
            internal static partial int Blake2b(byte* output, nuint outputLength, byte* input, ulong inputLength, byte* key, nuint keyLength);
        }
    }
}
