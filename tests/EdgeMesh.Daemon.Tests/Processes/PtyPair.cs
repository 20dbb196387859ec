using System.Diagnostics;
using System.IO;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>
    /// A null-modem cable between two pseudo-terminals, made by socat (Debian package socat, installed
    /// by .ci/install-deps.sh): each end is a symlink (like /dev/serial/by-id/...) to a raw pty, and
    /// what is written into one end comes out of the other. <see cref="Unplug"/> kills socat, so both
    /// ends vanish as a pulled USB adapter does; <see cref="PlugIn"/> makes them again under the same names.
    /// </summary>
    internal sealed class PtyPair : IDisposable
    {
        private Process? _socat;

        internal PtyPair(string directory)
        {
            EndA = Path.Combine(directory, "ttyEM-A");
            EndB = Path.Combine(directory, "ttyEM-B");
            PlugIn();
        }

        internal string EndA { get; }

        internal string EndB { get; }

        internal void PlugIn()
        {
            var start = new ProcessStartInfo("socat")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (string end in new[] { EndA, EndB })
            {
                start.ArgumentList.Add("pty,raw,echo=0,link=" + end);
            }

            try
            {
                _socat = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("socat is needed for the serial tests: apt-get install socat (.ci/install-deps.sh does)", e);
            }

            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while (!(File.Exists(EndA) && File.Exists(EndB)))
            {
                if (_socat.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("socat did not create the pty pair: " + _socat.StandardError.ReadToEnd());
                }

                Thread.Sleep(20);
            }
        }

        internal void Unplug()
        {
            if (_socat != null && !_socat.HasExited)
            {
                _socat.Kill();
                _socat.WaitForExit();
            }

            _socat?.Dispose();
            _socat = null;
            DateTime deadline = DateTime.UtcNow.AddSeconds(5);
            while ((File.Exists(EndA) || File.Exists(EndB)) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20); // socat removes its links on the way out
            }

            File.Delete(EndA);
            File.Delete(EndB);
        }

        /// <summary>Writes raw bytes into end A, as line noise or a misbehaving device would; they come out at end B.</summary>
        internal void InjectIntoA(byte[] bytes)
        {
            using var line = new FileStream(EndA, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            line.Write(bytes);
            line.Flush();
        }

        public void Dispose()
        {
            Unplug();
        }
    }
}
