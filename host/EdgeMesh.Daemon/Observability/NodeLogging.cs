using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Observability
{
    /// <summary>
    /// Logging for the daemon. Under systemd (INVOCATION_ID or JOURNAL_STREAM set) lines use the
    /// systemd format — a <c>&lt;6&gt;</c>-style priority prefix and no timestamp, which journald
    /// adds — otherwise one line per event with a timestamp (<see cref="LineLoggerProvider"/>).
    /// Everything goes to standard error so standard output stays for command results.
    /// </summary>
    public static class NodeLogging
    {
        private static readonly Lazy<LineLoggerProvider> Sink = new(() => new LineLoggerProvider(Console.Error, UnderSystemd));

        /// <summary>True when the process runs as a systemd service with its output captured by journald.</summary>
        public static bool UnderSystemd =>
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("INVOCATION_ID"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

        /// <summary>Creates the logger factory for <paramref name="minimumLevel"/> (no dependency-injection container: it is on the start-up path).</summary>
        public static ILoggerFactory Create(LogLevel minimumLevel)
        {
            var filters = new LoggerFilterOptions { MinLevel = minimumLevel };
            foreach (LoggerFilterRule rule in Rules())
            {
                filters.Rules.Add(rule);
            }

            return new LoggerFactory(new ILoggerProvider[] { new SharedSink(Sink.Value) }, filters);
        }

        /// <summary>Applies the daemon's settings to a logging builder (the API host).</summary>
        public static void Configure(ILoggingBuilder builder, LogLevel minimumLevel)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.ClearProviders();
            builder.SetMinimumLevel(minimumLevel);
            foreach (LoggerFilterRule rule in Rules())
            {
                builder.AddFilter(rule.CategoryName, rule.LogLevel ?? minimumLevel);
            }

            builder.AddProvider(new SharedSink(Sink.Value));
        }

        private static IEnumerable<LoggerFilterRule> Rules()
        {
            // The web host's own chatter (request lines, lifetime messages) only when it matters.
            yield return new LoggerFilterRule(null, "Microsoft.AspNetCore", LogLevel.Warning, null);
            yield return new LoggerFilterRule(null, "Microsoft.Hosting", LogLevel.Warning, null);
        }

        /// <summary>The process-wide sink, handed to each factory without giving it ownership (disposing a factory must not close it).</summary>
        private sealed class SharedSink : ILoggerProvider
        {
            private readonly LineLoggerProvider _sink;

            internal SharedSink(LineLoggerProvider sink)
            {
                _sink = sink;
            }

            public ILogger CreateLogger(string categoryName) => _sink.CreateLogger(categoryName);

            public void Dispose()
            {
                // The sink lives as long as the process.
            }
        }
    }
}
