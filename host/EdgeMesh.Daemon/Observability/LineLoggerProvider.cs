using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Observability
{
    /// <summary>
    /// The daemon's log sink: one line per event on standard error, written synchronously under a
    /// lock. Plain format <c>HH:mm:ss.fff info: category[id] message</c>; systemd format
    /// <c>&lt;6&gt;category[id] message</c> (journald adds the time). Replaces the console logger of
    /// Microsoft.Extensions.Logging, whose options binding, formatter registry and queue thread cost
    /// about 30 ms of a NativeAOT start (docs/performance.md).
    /// </summary>
    public sealed class LineLoggerProvider : ILoggerProvider
    {
        private readonly TextWriter _output;
        private readonly bool _systemd;
        private readonly Lock _gate = new();

        /// <summary>A sink writing to <paramref name="output"/> in the systemd format when <paramref name="systemd"/>.</summary>
        public LineLoggerProvider(TextWriter output, bool systemd)
        {
            _output = output;
            _systemd = systemd;
        }

        /// <inheritdoc />
        public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

        /// <inheritdoc />
        public void Dispose()
        {
            lock (_gate)
            {
                _output.Flush();
            }
        }

        private void Write(string category, LogLevel level, EventId eventId, string message, Exception? exception)
        {
            var line = new StringBuilder(64 + message.Length);
            if (_systemd)
            {
                line.Append('<').Append(SyslogPriority(level)).Append('>');
            }
            else
            {
                line.Append(DateTime.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture)).Append(ShortName(level)).Append(": ");
            }

            line.Append(category).Append('[').Append(eventId.Id).Append("] ").Append(message);
            if (exception != null)
            {
                line.Append(' ').Append(exception.ToString().ReplaceLineEndings(" "));
            }

            lock (_gate)
            {
                _output.WriteLine(line.ToString());
                _output.Flush();
            }
        }

        private static string ShortName(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };

        private static int SyslogPriority(LogLevel level) => level switch
        {
            LogLevel.Trace or LogLevel.Debug => 7,
            LogLevel.Information => 6,
            LogLevel.Warning => 4,
            LogLevel.Error => 3,
            _ => 2,
        };

        private sealed class LineLogger : ILogger
        {
            private readonly LineLoggerProvider _provider;
            private readonly string _category;

            internal LineLogger(LineLoggerProvider provider, string category)
            {
                _provider = provider;
                _category = category;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                ArgumentNullException.ThrowIfNull(formatter);
                if (IsEnabled(logLevel))
                {
                    _provider.Write(_category, logLevel, eventId, formatter(state, exception), exception);
                }
            }
        }
    }
}
