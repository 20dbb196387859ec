using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    /// <summary>
    /// Maps the logical name "libsodium" to the installed file. Debian ships only the versioned
    /// soname (libsodium.so.23, no unversioned symlink without -dev), which default probing misses.
    /// </summary>
    internal static class SodiumLibrary
    {
        /// <summary>File names tried in order: Debian 12 / Ubuntu, newer libsodium (1.0.19+), dev symlink, macOS, Windows.</summary>
        internal static readonly string[] Candidates =
        {
            "libsodium.so.23", "libsodium.so.26", "libsodium.so", "libsodium.dylib", "libsodium.dll", "libsodium",
        };

        private static IntPtr _handle;

        /// <summary>Installs the resolver for this assembly and loads the library; false with a message when absent.</summary>
        internal static bool TryLoad(out string? error)
        {
            if (_handle != IntPtr.Zero)
            {
                error = null;
                return true;
            }

            if (!TryLoad(Candidates, out IntPtr handle, out error))
            {
                return false;
            }

            _handle = handle;
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(SodiumLibrary).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // A resolver is already installed (only ours is ever set); it resolves the same handle.
            }

            return true;
        }

        /// <summary>Tries each candidate file; on failure the message names the package to install.</summary>
        internal static bool TryLoad(string[] candidates, out IntPtr handle, out string? error)
        {
            foreach (string candidate in candidates)
            {
                if (NativeLibrary.TryLoad(candidate, typeof(SodiumLibrary).Assembly, DllImportSearchPath.SafeDirectories, out handle))
                {
                    error = null;
                    return true;
                }
            }

            handle = IntPtr.Zero;
            error = MissingLibraryMessage(string.Join(", ", candidates));
            return false;
        }

        /// <summary>The start-up error shown when libsodium cannot be loaded.</summary>
        internal static string MissingLibraryMessage(string tried)
        {
            return "EdgeMesh needs the libsodium system library, which could not be loaded (tried: " + tried + "). "
                + "Install it: Debian, Ubuntu, Raspberry Pi OS: 'apt-get install " + Sodium.DebianPackage + "'; "
                + "Fedora: 'dnf install libsodium'; Alpine: 'apk add libsodium'.";
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        {
            return libraryName == Interop.Libraries.Sodium ? _handle : IntPtr.Zero;
        }
    }
}
