using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    internal static partial class Interop
    {
        /// <summary>libsodium BLAKE2b (crypto_generichash_blake2b): 16..64-byte digests, optional 16..64-byte key.</summary>
        internal static unsafe partial class Sodium
        {
            internal const int Blake2bMinBytes = 16;
            internal const int Blake2bMaxBytes = 64;

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_generichash_blake2b")]
            internal static partial int Blake2b(byte* output, nuint outputLength, byte* input, ulong inputLength, byte* key, nuint keyLength);
        }
    }
}
