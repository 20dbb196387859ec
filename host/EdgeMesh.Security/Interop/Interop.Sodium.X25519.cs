using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    internal static partial class Interop
    {
        /// <summary>libsodium X25519 (crypto_scalarmult_curve25519*).</summary>
        internal static unsafe partial class Sodium
        {
            internal const int X25519KeyBytes = 32;

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_scalarmult_curve25519_base")]
            internal static partial int X25519Base(byte* publicKey, SecureMemoryHandle secretKey);

            /// <summary>Returns -1 when the peer key is a low-order point (the shared secret would be all zero).</summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_scalarmult_curve25519")]
            internal static partial int X25519(byte* sharedSecret, SecureMemoryHandle secretKey, byte* peerPublicKey);
        }
    }
}
