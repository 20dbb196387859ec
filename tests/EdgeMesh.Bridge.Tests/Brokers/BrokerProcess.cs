using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace EdgeMesh.Bridge.Tests.Brokers
{
    /// <summary>One broker process started by a test; killed (by its own pid) when disposed.</summary>
    internal sealed class BrokerProcess : IDisposable
    {
        private readonly string _file;
        private readonly string[] _args;
        private readonly int _readyPort;
        private readonly StringBuilder _log = new StringBuilder();
        private Process? _process;

        internal BrokerProcess(string file, string[] args, int readyPort)
        {
            _file = file;
            _args = args;
            _readyPort = readyPort;
        }

        internal bool Running => _process != null && !_process.HasExited;

        internal string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        internal void Start()
        {
            var info = new ProcessStartInfo(_file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in _args)
            {
                info.ArgumentList.Add(a);
            }

            var p = new Process { StartInfo = info };
            p.OutputDataReceived += (_, e) => Append(e.Data);
            p.ErrorDataReceived += (_, e) => Append(e.Data);
            p.Start();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            _process = p;
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                if (p.HasExited)
                {
                    throw new InvalidOperationException(_file + " exited at start: " + Log);
                }

                try
                {
                    using var c = new TcpClient();
                    c.Connect("127.0.0.1", _readyPort);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }

            throw new TimeoutException(_file + " did not open port " + _readyPort + ": " + Log);
        }

        /// <summary>SIGKILL (crash) or SIGTERM (orderly stop, brokers save their state).</summary>
        internal void Stop(bool crash)
        {
            Process? p = _process;
            if (p == null || p.HasExited)
            {
                return;
            }

            if (crash)
            {
                p.Kill();
            }
            else
            {
                using var term = Process.Start("kill", new[] { "-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                term?.WaitForExit();
            }

            if (!p.WaitForExit(10000))
            {
                p.Kill();
                p.WaitForExit();
            }
        }

        public void Dispose()
        {
            Stop(crash: true);
            _process?.Dispose();
            _process = null;
        }

        private void Append(string? line)
        {
            if (line != null)
            {
                lock (_log)
                {
                    if (_log.Length < 64 * 1024)
                    {
                        _log.AppendLine(line);
                    }
                }
            }
        }
    }
}
