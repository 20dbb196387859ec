namespace EdgeMesh.Security
{
    /// <summary>Native interop, one file per native function family (the dotnet/runtime layout).</summary>
    internal static partial class Interop
    {
        /// <summary>Logical names of the native libraries; <see cref="SodiumLibrary"/> maps them to files.</summary>
        internal static class Libraries
        {
            /// <summary>libsodium; resolved to libsodium.so.23 (Debian package libsodium23) and friends.</summary>
            internal const string Sodium = "libsodium";
        }
    }
}
