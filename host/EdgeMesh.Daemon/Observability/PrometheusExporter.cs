using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Threading;

namespace EdgeMesh.Daemon.Observability
{
    /// <summary>
    /// Writes the instruments of one meter in the Prometheus text exposition format (version 0.0.4)
    /// by listening to them with a <see cref="MeterListener"/> and collecting observable instruments
    /// on demand. Counters become <c>counter</c>, everything else <c>gauge</c>.
    /// </summary>
    public sealed class PrometheusExporter : IDisposable
    {
        /// <summary>Content type of the exposition format.</summary>
        public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

        private readonly MeterListener _listener = new();
        private readonly Lock _gate = new();
        private readonly List<Sample> _samples = new();

        /// <summary>Listens to the meter named <paramref name="meterName"/>.</summary>
        public PrometheusExporter(string meterName)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == meterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        /// <summary>Collects every instrument now and returns the exposition text.</summary>
        public string Scrape()
        {
            lock (_gate)
            {
                _samples.Clear();
                _listener.RecordObservableInstruments();
                var text = new StringBuilder();
                Instrument? previous = null;
                foreach (Sample sample in _samples)
                {
                    if (!ReferenceEquals(sample.Instrument, previous))
                    {
                        previous = sample.Instrument;
                        string type = sample.Instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal)
                            || sample.Instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) ? "counter" : "gauge";
                        text.Append("# HELP ").Append(sample.Instrument.Name).Append(' ').Append(sample.Instrument.Description).Append('\n');
                        text.Append("# TYPE ").Append(sample.Instrument.Name).Append(' ').Append(type).Append('\n');
                    }

                    text.Append(sample.Instrument.Name).Append(sample.Labels).Append(' ')
                        .Append(sample.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }

                return text.ToString();
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _listener.Dispose();
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = new StringBuilder();
            if (!tags.IsEmpty)
            {
                labels.Append('{');
                for (int i = 0; i < tags.Length; i++)
                {
                    labels.Append(i == 0 ? string.Empty : ",").Append(tags[i].Key).Append("=\"")
                        .Append(Escape(Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('"');
                }

                labels.Append('}');
            }

            _samples.Add(new Sample(instrument, labels.ToString(), value));
        }

        private static string Escape(string value)
        {
            return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        }

        private readonly record struct Sample(Instrument Instrument, string Labels, double Value);
    }
}
