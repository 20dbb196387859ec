using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    internal static partial class Interop
    {
        /// <summary>libsodium: library start-up, guarded memory and the system random generator.</summary>
        internal static unsafe partial class Sodium
        {
            /// <summary>Returns 0 on first success, 1 when already initialised, -1 on failure.</summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "sodium_init")]
            internal static partial int SodiumInit();

            [LibraryImport(Libraries.Sodium, EntryPoint = "sodium_version_string")]
            internal static partial nint SodiumVersionString();

            [LibraryImport(Libraries.Sodium, EntryPoint = "sodium_memzero")]
            internal static partial void MemZero(byte* pointer, nuint length);

            /// <summary>Page-guarded, mlock'ed allocation; <see cref="Free"/> zeroes it before release.</summary>
            [LibraryImport(Libraries.Sodium, EntryPoint = "sodium_malloc")]
            internal static partial SecureMemoryHandle Malloc(nuint size);

            [LibraryImport(Libraries.Sodium, EntryPoint = "sodium_free")]
            internal static partial void Free(nint pointer);

            [LibraryImport(Libraries.Sodium, EntryPoint = "randombytes_buf")]
            internal static partial void RandomBytes(byte* buffer, nuint size);
        }
    }
}
