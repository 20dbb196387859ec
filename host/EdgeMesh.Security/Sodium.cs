using System;
using NSec.Cryptography;

namespace EdgeMesh.Security
{
    /// <summary>
    /// Start-up of the cryptography layer. EdgeMesh's cryptography is NSec.Cryptography over the
    /// libsodium that ships with it (beside the executable, for linux-x64 and linux-arm64), so there
    /// is no system package to install; a binary copied without its <c>libsodium.so</c> is the one
    /// way this can fail. Call <see cref="TryInitialize"/> once at process start; every type of this
    /// library also calls <see cref="EnsureInitialized"/> before it touches libsodium directly.
    /// </summary>
    public static class Sodium
    {
        /// <summary>The native library file that must sit beside the executable.</summary>
        public const string LibraryFile = "libsodium.so";

        private static readonly object Gate = new object();
        private static volatile bool _ready;
        private static string? _failure;

        /// <summary>True once libsodium is loaded and initialised.</summary>
        public static bool IsAvailable => _ready || TryInitialize(out _);

        /// <summary>
        /// Loads libsodium through NSec (whose first use runs <c>sodium_init</c>). Returns false with a
        /// message saying where the library belongs when it cannot be loaded; never throws.
        /// </summary>
        public static bool TryInitialize(out string? error)
        {
            if (_ready)
            {
                error = null;
                return true;
            }

            lock (Gate)
            {
                if (!_ready && _failure == null)
                {
                    _failure = Initialize();
                    _ready = _failure == null;
                }

                error = _failure;
                return _ready;
            }
        }

        /// <summary>As <see cref="TryInitialize"/>, throwing <see cref="SodiumUnavailableException"/> on failure.</summary>
        public static void EnsureInitialized()
        {
            if (!_ready && !TryInitialize(out string? error))
            {
                throw new SodiumUnavailableException(error ?? MissingLibraryMessage(LibraryFile));
            }
        }

        /// <summary>The start-up error shown when libsodium cannot be loaded.</summary>
        internal static string MissingLibraryMessage(string detail)
        {
            return "EdgeMesh could not load libsodium (" + detail + "). It ships with EdgeMesh: keep '" + LibraryFile
                + "' in the same directory as the edgemesh executable (a published build puts it there).";
        }

        private static string? Initialize()
        {
            try
            {
                // Any NSec algorithm's first use loads libsodium and runs sodium_init.
                return SignatureAlgorithm.Ed25519.SignatureSize == Ed25519KeyPair.SignatureLength ? null : "unexpected Ed25519 parameters";
            }
            catch (DllNotFoundException ex)
            {
                return MissingLibraryMessage(ex.Message);
            }
            catch (TypeInitializationException ex)
            {
                return MissingLibraryMessage(ex.InnerException?.Message ?? ex.Message);
            }
            catch (EntryPointNotFoundException ex)
            {
                return MissingLibraryMessage("a libsodium without " + ex.Message);
            }
        }
    }
}
