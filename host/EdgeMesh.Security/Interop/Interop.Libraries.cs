namespace EdgeMesh.Security
{
    /// <summary>Native interop, one file per native function family (the dotnet/runtime layout).</summary>
    internal static partial class Interop
    {
        /// <summary>Logical names of the native libraries.</summary>
        internal static class Libraries
        {
            /// <summary>
            /// The libsodium that the NSec.Cryptography package ships (libsodium.so beside the binary on
            /// linux-x64 and linux-arm64); NSec loads the same file under the same name.
            /// </summary>
            internal const string Sodium = "libsodium";
        }
    }
}
