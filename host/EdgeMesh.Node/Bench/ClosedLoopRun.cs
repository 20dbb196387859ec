using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// One measurement through an <see cref="IBenchLink"/>, the same for every system: a publisher
    /// thread keeps at most <see cref="BenchOptions.Window"/> messages in flight (sent, not yet
    /// received), publishing the free slots in bursts of at most <see cref="MaxBurst"/> and flushing
    /// after each burst; each payload carries its sequence number and the Stopwatch time it was
    /// written, so the subscriber measures latency on the same clock. Warm-up traffic is not
    /// counted; after the measured interval publishing stops and the last messages are awaited.
    /// The window counts from the highest sequence received (both transports deliver in order), so
    /// a lost message stops holding a slot as soon as a later one arrives; a full window that sees
    /// no delivery for <see cref="BenchOptions.StallTimeout"/> is reopened and counted as a stall.
    /// Lost messages are always reported (sent − delivered), never hidden.
    /// </summary>
    internal sealed class ClosedLoopRun : IDisposable
    {
        /// <summary>Most messages published between two flushes.</summary>
        internal const int MaxBurst = 64;

        private readonly IBenchLink _link;
        private readonly BenchOptions _options;
        private readonly TextWriter? _progress;
        private readonly LatencyHistogram _histogram = new();
        private readonly AutoResetEvent _space = new(false);
        private readonly double _nsPerTick = 1e9 / Stopwatch.Frequency;
        private long _sent;
        private long _acknowledged; // one past the highest sequence received, or past a stalled window
        private long _received;
        private long _measuredDelivered;
        private long _firstMeasured = long.MaxValue;
        private long _lastMeasured = long.MaxValue;
        private volatile bool _waiting;

        internal ClosedLoopRun(IBenchLink link, BenchOptions options, TextWriter? progress)
        {
            _link = link;
            _options = options;
            _progress = progress;
        }

        private long InFlight => Volatile.Read(ref _sent) - Volatile.Read(ref _acknowledged);

        internal async Task<BenchResult> RunAsync(CancellationToken cancellationToken)
        {
            await _link.StartAsync(OnMessage, cancellationToken).ConfigureAwait(false);
            return await Task.Factory.StartNew(() => Publish(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }

        public void Dispose()
        {
            _space.Dispose();
        }

        private void OnMessage(ReadOnlySpan<byte> payload)
        {
            if (payload.Length < BenchOptions.MinPayloadBytes)
            {
                return;
            }

            long now = Stopwatch.GetTimestamp();
            long seq = BinaryPrimitives.ReadInt64LittleEndian(payload);
            long stamp = BinaryPrimitives.ReadInt64LittleEndian(payload.Slice(8));
            if (seq >= Volatile.Read(ref _firstMeasured) && seq <= Volatile.Read(ref _lastMeasured))
            {
                _histogram.Record((long)((now - stamp) * _nsPerTick));
                Volatile.Write(ref _measuredDelivered, _measuredDelivered + 1);
            }

            Volatile.Write(ref _received, _received + 1);
            RaiseTo(ref _acknowledged, seq + 1);

            if (_waiting && InFlight <= _options.Window / 2)
            {
                _space.Set();
            }
        }

        private BenchResult Publish(CancellationToken cancellationToken)
        {
            byte[] payload = new byte[_options.PayloadBytes];
            long warmupTicks = (long)(_options.Warmup.TotalSeconds * Stopwatch.Frequency);
            long measureTicks = (long)(_options.Duration.TotalSeconds * Stopwatch.Frequency);
            long start = Stopwatch.GetTimestamp();
            long measureStart = 0;
            long nextProgress = start + Stopwatch.Frequency;
            long refused = 0;
            long stalls = 0;
            long rssStart = 0;
            bool measuring = false;
            while (!cancellationToken.IsCancellationRequested)
            {
                long now = Stopwatch.GetTimestamp();
                if (!measuring && now - start >= warmupTicks)
                {
                    measuring = true;
                    measureStart = now;
                    rssStart = Environment.WorkingSet;
                    Volatile.Write(ref _firstMeasured, _sent);
                }
                else if (measuring && now - measureStart >= measureTicks)
                {
                    Volatile.Write(ref _lastMeasured, _sent - 1);
                    break;
                }

                if (now >= nextProgress)
                {
                    Report(now - start);
                    nextProgress = now + Stopwatch.Frequency;
                }

                long free = _options.Window - InFlight;
                if (free <= 0)
                {
                    if (WaitForSpace() == false)
                    {
                        // Nothing arrived for a whole stall timeout: the window's messages are lost.
                        RaiseTo(ref _acknowledged, _sent);

                        stalls += measuring ? 1 : 0;
                    }

                    continue;
                }

                int burst = (int)Math.Min(free, MaxBurst);
                for (int i = 0; i < burst; i++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(payload, _sent);
                    BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(8), Stopwatch.GetTimestamp());
                    if (_link.Publish(payload))
                    {
                        Volatile.Write(ref _sent, _sent + 1);
                    }
                    else if (measuring)
                    {
                        refused++;
                    }
                }

                _link.Flush();
            }

            long measureEnd = Stopwatch.GetTimestamp();
            long rssEnd = Environment.WorkingSet;
            long sent = Math.Max(0, _lastMeasured - _firstMeasured + 1);
            Drain(sent, cancellationToken);
            _progress?.Write("\r" + new string(' ', 78) + "\r");
            return new BenchResult
            {
                System = _link.System,
                Mode = _link.Mode,
                PayloadBytes = _options.PayloadBytes,
                Window = _options.Window,
                WarmupSeconds = _options.Warmup.TotalSeconds,
                Seconds = (measureEnd - measureStart) / (double)Stopwatch.Frequency,
                Sent = sent,
                Delivered = Volatile.Read(ref _measuredDelivered),
                Refused = refused,
                Stalls = stalls,
                LatencyP50Us = Micros(_histogram.Percentile(0.50)),
                LatencyP99Us = Micros(_histogram.Percentile(0.99)),
                LatencyP999Us = Micros(_histogram.Percentile(0.999)),
                LatencyMaxUs = Micros(_histogram.Max),
                RssStartBytes = rssStart,
                RssEndBytes = rssEnd,
            };
        }

        /// <summary>Waits for the receiver to free half the window; false when nothing at all arrived within the stall timeout.</summary>
        private bool WaitForSpace()
        {
            long before = Volatile.Read(ref _received);
            _waiting = true;
            try
            {
                if (InFlight <= _options.Window / 2)
                {
                    return true;
                }

                return _space.WaitOne(_options.StallTimeout) || Volatile.Read(ref _received) != before;
            }
            finally
            {
                _waiting = false;
            }
        }

        private void Drain(long sent, CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            long last = -1;
            var quiet = Stopwatch.StartNew();
            while (Volatile.Read(ref _measuredDelivered) < sent && waited.Elapsed < _options.Drain && !cancellationToken.IsCancellationRequested)
            {
                long now = Volatile.Read(ref _received);
                if (now != last)
                {
                    last = now;
                    quiet.Restart();
                }
                else if (quiet.Elapsed > _options.StallTimeout)
                {
                    return; // nothing more is coming
                }

                Thread.Sleep(5);
            }
        }

        private void Report(long elapsedTicks)
        {
            _progress?.Write(FormattableString.Invariant($"\r  {elapsedTicks / (double)Stopwatch.Frequency,5:0.0} s  sent {Volatile.Read(ref _sent),10}  received {Volatile.Read(ref _received),10}  in flight {InFlight,5}   "));
        }

        /// <summary>Raises <paramref name="field"/> to <paramref name="value"/> unless another thread already raised it further.</summary>
        private static void RaiseTo(ref long field, long value)
        {
            long current = Volatile.Read(ref field);
            while (value > current)
            {
                long seen = Interlocked.CompareExchange(ref field, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }

        private static double Micros(long nanoseconds) => Math.Round(nanoseconds / 1000.0, 1);
    }
}
