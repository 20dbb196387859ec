using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EdgeMesh.Daemon.Observability
{
    /// <summary>
    /// Console logging for the daemon. Under systemd (INVOCATION_ID or JOURNAL_STREAM set) lines use
    /// the systemd format — a <c>&lt;6&gt;</c>-style priority prefix and no timestamp, which journald
    /// adds — otherwise one line per event with a timestamp. Everything goes to standard error so
    /// standard output stays for command results.
    /// </summary>
    public static class NodeLogging
    {
        /// <summary>True when the process runs as a systemd service with its output captured by journald.</summary>
        public static bool UnderSystemd =>
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("INVOCATION_ID"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

        /// <summary>Creates the logger factory for <paramref name="minimumLevel"/>.</summary>
        public static ILoggerFactory Create(LogLevel minimumLevel)
        {
            return LoggerFactory.Create(builder => Configure(builder, minimumLevel));
        }

        /// <summary>Applies the daemon's console settings to a logging builder (also used by the API host).</summary>
        public static void Configure(ILoggingBuilder builder, LogLevel minimumLevel)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.ClearProviders();
            builder.SetMinimumLevel(minimumLevel);
            builder.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.AddFilter("Microsoft.Hosting", LogLevel.Warning);
            builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            if (UnderSystemd)
            {
                builder.AddSystemdConsole(o => o.IncludeScopes = false);
            }
            else
            {
                builder.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.IncludeScopes = false;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                    o.ColorBehavior = LoggerColorBehavior.Disabled;
                });
            }
        }
    }
}
