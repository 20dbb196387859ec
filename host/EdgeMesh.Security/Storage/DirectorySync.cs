using System;
using System.Runtime.InteropServices;

namespace EdgeMesh.Security.Storage
{
    /// <summary>
    /// fsync(2) of a directory, so a rename into it survives a power cut (.NET cannot open a
    /// directory as a file). Linux only; elsewhere, or if libc cannot be bound, it reports false and
    /// the store still relies on the file's own flush. One helper for every crash-safe store on a
    /// host (direct-message outbox and inbox, fleet state, the MQTT bridge's queue).
    /// </summary>
    public static partial class DirectorySync
    {
        private const int ReadOnly = 0; // O_RDONLY: enough to fsync a directory on Linux

        /// <summary>Flushes the directory entry table of <paramref name="directory"/>; false where that is not possible.</summary>
        public static bool TryFlush(string directory)
        {
            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            try
            {
                int fd = Open(directory, ReadOnly);
                if (fd < 0)
                {
                    return false;
                }

                int result = FSync(fd);
                Close(fd);
                return result == 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return false;
            }
        }

        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        private static partial int FSync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        private static partial int Close(int fd);
    }
}
