using System;
using System.IO;
using System.Text.Json;

namespace EdgeMesh.Node.Bench
{
    /// <summary>The outcome of one closed-loop run (the JSON object of <c>edgemesh bench</c>).</summary>
    internal sealed class BenchResult
    {
        internal string System { get; init; } = string.Empty;

        internal string Mode { get; init; } = string.Empty;

        internal int PayloadBytes { get; init; }

        internal int Window { get; init; }

        internal double WarmupSeconds { get; init; }

        internal double Seconds { get; init; }

        /// <summary>Messages published in the measured interval.</summary>
        internal long Sent { get; init; }

        /// <summary>Of those, how many the subscriber received (each counted once).</summary>
        internal long Delivered { get; init; }

        /// <summary>Publish calls the system refused (not sent).</summary>
        internal long Refused { get; init; }

        /// <summary>Times the window was reopened because nothing arrived (messages presumed lost).</summary>
        internal long Stalls { get; init; }

        internal double MessagesPerSecond => Seconds > 0 ? Delivered / Seconds : 0;

        internal double DeliveryRatio => Sent > 0 ? (double)Delivered / Sent : 0;

        internal double LatencyP50Us { get; init; }

        internal double LatencyP99Us { get; init; }

        internal double LatencyP999Us { get; init; }

        internal double LatencyMaxUs { get; init; }

        /// <summary>Process resident set size when the measurement started (after warm-up).</summary>
        internal long RssStartBytes { get; init; }

        /// <summary>Process resident set size when the measurement ended.</summary>
        internal long RssEndBytes { get; init; }

        internal void WriteJson(Stream output)
        {
            using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false }))
            {
                w.WriteStartObject();
                w.WriteString("system", System);
                w.WriteString("mode", Mode);
                w.WriteNumber("payloadBytes", PayloadBytes);
                w.WriteNumber("window", Window);
                w.WriteNumber("warmupSeconds", WarmupSeconds);
                w.WriteNumber("seconds", Math.Round(Seconds, 3));
                w.WriteNumber("sent", Sent);
                w.WriteNumber("delivered", Delivered);
                w.WriteNumber("lost", Sent - Delivered);
                w.WriteNumber("deliveryRatio", Math.Round(DeliveryRatio, 6));
                w.WriteNumber("refused", Refused);
                w.WriteNumber("stalls", Stalls);
                w.WriteNumber("messagesPerSecond", Math.Round(MessagesPerSecond));
                w.WriteNumber("latencyP50Us", LatencyP50Us);
                w.WriteNumber("latencyP99Us", LatencyP99Us);
                w.WriteNumber("latencyP999Us", LatencyP999Us);
                w.WriteNumber("latencyMaxUs", LatencyMaxUs);
                w.WriteNumber("rssStartBytes", RssStartBytes);
                w.WriteNumber("rssEndBytes", RssEndBytes);
                w.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }

        internal string Summary()
        {
            return string.Join(
                Environment.NewLine,
                $"{System} ({Mode}), {PayloadBytes}-byte payloads, window {Window}, {Seconds:0.0} s measured after {WarmupSeconds:0.0} s warm-up",
                $"  delivered   {Delivered}/{Sent} ({DeliveryRatio * 100:0.000}%), {Sent - Delivered} lost, {Refused} refused, {Stalls} stalls",
                $"  throughput  {MessagesPerSecond:N0} messages/s delivered",
                $"  latency     p50 {LatencyP50Us:0.0} µs, p99 {LatencyP99Us:0.0} µs, p99.9 {LatencyP999Us:0.0} µs, max {LatencyMaxUs:0.0} µs",
                $"  RSS         {RssStartBytes / 1048576.0:0.0} MiB at start, {RssEndBytes / 1048576.0:0.0} MiB at end");
        }
    }
}
