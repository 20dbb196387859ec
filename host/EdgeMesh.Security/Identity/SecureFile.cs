using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace EdgeMesh.Security.Identity
{
    /// <summary>
    /// Small-file reads with a size bound and a permission check on the opened handle (no
    /// check-then-open race), and writes through a temporary file and a rename so a reader never
    /// sees half a file. Errors come back as values with a message, never as exceptions.
    /// </summary>
    internal static class SecureFile
    {
        /// <summary>Mode 0600.</summary>
        internal const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        /// <summary>Mode 0644.</summary>
        internal const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

        private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

        /// <summary>
        /// Reads the whole file into <paramref name="buffer"/>. A file longer than the buffer is
        /// reported as <see cref="FileError.Malformed"/> without reading it all.
        /// </summary>
        internal static FileError Read(string path, Span<byte> buffer, bool requireOwnerOnly, out int length, out string message)
        {
            length = 0;
            try
            {
                using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (requireOwnerOnly && !OperatingSystem.IsWindows())
                {
                    UnixFileMode mode = File.GetUnixFileMode(handle);
                    if ((mode & GroupOrOthers) != 0)
                    {
                        message = path + " has mode " + FormatMode(mode) + ": a secret key file must be accessible by its owner only. Fix it with: chmod 600 " + path;
                        return FileError.PermissionsTooOpen;
                    }
                }

                long fileLength = RandomAccess.GetLength(handle);
                if (fileLength > buffer.Length)
                {
                    message = path + ": file is too long (" + fileLength + " bytes) to be what was expected";
                    return FileError.Malformed;
                }

                while (length < fileLength)
                {
                    int read = RandomAccess.Read(handle, buffer.Slice(length, (int)fileLength - length), length);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }

                message = string.Empty;
                return FileError.None;
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                message = path + ": file not found";
                return FileError.NotFound;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                message = path + ": cannot read: " + ex.Message;
                return FileError.IoError;
            }
        }

        /// <summary>Writes <paramref name="content"/> with the given Unix mode, replacing the file only when <paramref name="overwrite"/>.</summary>
        internal static FileError Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode, bool overwrite, out string message)
        {
            string temporary = path + ".tmp" + Environment.ProcessId;
            try
            {
                if (!overwrite && File.Exists(path))
                {
                    message = path + " already exists; refusing to overwrite it";
                    return FileError.AlreadyExists;
                }

                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = mode;
                }

                File.Delete(temporary);
                using (var stream = new FileStream(temporary, options))
                {
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite);
                message = string.Empty;
                return FileError.None;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                TryDelete(temporary);
                if (ex is DirectoryNotFoundException)
                {
                    message = path + ": directory does not exist";
                    return FileError.NotFound;
                }

                message = path + ": cannot write: " + ex.Message;
                return ex is IOException && File.Exists(path) && !overwrite ? FileError.AlreadyExists : FileError.IoError;
            }
        }

        /// <summary>Creates a directory with mode 0700 if it does not exist.</summary>
        internal static FileError EnsureDirectory(string path, out string message)
        {
            try
            {
                if (!Directory.Exists(path))
                {
                    if (OperatingSystem.IsWindows())
                    {
                        Directory.CreateDirectory(path);
                    }
                    else
                    {
                        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    }
                }

                message = string.Empty;
                return FileError.None;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                message = path + ": cannot create directory: " + ex.Message;
                return FileError.IoError;
            }
        }

        private static string FormatMode(UnixFileMode mode)
        {
            return "0" + Convert.ToString((int)mode & 0x1FF, 8);
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Best effort: a leftover temporary file holds nothing a reader would pick up.
            }
        }
    }
}
