using System;
using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    /// <summary>
    /// Start-up of the libsodium binding. Call <see cref="TryInitialize"/> (or
    /// <see cref="EnsureInitialized"/>) once at process start; every type of this library that
    /// needs libsodium also calls <see cref="EnsureInitialized"/> in its constructor.
    /// </summary>
    public static class Sodium
    {
        /// <summary>The Debian package that provides the library (named in the start-up error).</summary>
        public const string DebianPackage = "libsodium23";

        private static readonly object Gate = new object();
        private static volatile bool _ready;
        private static string? _failure;

        /// <summary>True once libsodium is loaded and initialised.</summary>
        public static bool IsAvailable => _ready || TryInitialize(out _);

        /// <summary>
        /// Loads libsodium and runs <c>sodium_init</c> once. Returns false with a message naming the
        /// package to install when the library is missing or fails to initialise; never throws.
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
                throw new SodiumUnavailableException(error!);
            }
        }

        /// <summary>The loaded library's version ("1.0.18"), or null when it is not available.</summary>
        public static string? Version
        {
            get
            {
                return IsAvailable ? Marshal.PtrToStringAnsi(Interop.Sodium.SodiumVersionString()) : null;
            }
        }

        private static string? Initialize()
        {
            if (!SodiumLibrary.TryLoad(out string? error))
            {
                return error;
            }

            try
            {
                return Interop.Sodium.SodiumInit() < 0
                    ? "libsodium was found but sodium_init() failed (no usable random source?)."
                    : null;
            }
            catch (EntryPointNotFoundException ex)
            {
                return SodiumLibrary.MissingLibraryMessage("a libsodium without " + ex.Message);
            }
        }
    }
}
