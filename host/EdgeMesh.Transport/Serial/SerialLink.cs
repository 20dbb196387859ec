using System;
using System.IO;
using System.IO.Ports;
using System.Threading;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Transport.Serial
{
    /// <summary>
    /// One serial line carrying frames as COBS + CRC-16 records (the portable core's
    /// <see cref="StreamFramer"/> / <see cref="StreamDeframer"/>, docs/link-framing.md §3). A reader
    /// thread opens the device, reopens it with backoff when it fails or disappears (a USB adapter
    /// unplugged and plugged back), and hands every good frame to the receiver; a writer thread
    /// drains a bounded queue of encoded records, so <see cref="Send"/> never blocks on a slow line.
    /// Line noise costs at most the record it lands in and is counted.
    /// </summary>
    public sealed class SerialLink : LinkAddress, IFrameLink, ILinkFrameSink, IDisposable
    {
        private const int ReadTimeoutMs = 200;
        private const int WriteTimeoutMs = 2_000;

        private readonly SerialLinkOptions _options;
        private readonly ILinkReceiver _receiver;
        private readonly TransportCounters _counters;
        private readonly TimeProvider _clock;
        private readonly ReconnectPolicy _reopen;
        private readonly StreamDeframer _deframer;
        private readonly byte[] _readBuffer = new byte[4096];
        private readonly byte[] _frame;
        private readonly Lock _gate = new();
        private readonly ManualResetEventSlim _stopped = new(false);
        private readonly AutoResetEvent _wake = new(false);
        private readonly string _text;
        private byte[] _pending;
        private byte[] _writing;
        private int _pendingLength;
        private long _noiseSeen;
        private SerialPort? _port;
        private Thread? _reader;
        private Thread? _writer;

        /// <summary>Creates the link; nothing is opened before <see cref="Start"/>.</summary>
        public SerialLink(SerialLinkOptions options, ILinkReceiver receiver, TransportCounters counters, TimeProvider clock)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(receiver);
            ArgumentNullException.ThrowIfNull(counters);
            ArgumentNullException.ThrowIfNull(clock);
            ArgumentException.ThrowIfNullOrEmpty(options.Device);
            ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFrameBytes, WireFormat.HeaderLength);
            int record = StreamFramer.MaxRecordLength(options.MaxFrameBytes);
            ArgumentOutOfRangeException.ThrowIfLessThan(options.SendQueueBytes, record);
            _options = options;
            _receiver = receiver;
            _counters = counters;
            _clock = clock;
            _reopen = new ReconnectPolicy(options.Reopen, new Random());
            _deframer = new StreamDeframer(record);
            _frame = new byte[options.MaxFrameBytes];
            _pending = new byte[options.SendQueueBytes];
            _writing = new byte[options.SendQueueBytes];
            _text = "serial:" + options.Device;
        }

        /// <summary>The device path.</summary>
        public string Device => _options.Device;

        /// <summary>True while the device is open.</summary>
        public bool IsOpen => Volatile.Read(ref _port) != null;

        /// <summary>Called with the reason when opening, reading or writing fails (for the node's log).</summary>
        public Action<string>? ErrorObserved { get; set; }

        /// <summary>Starts the reader and writer threads; the reader opens the device.</summary>
        public void Start()
        {
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "edgemesh serial reader " + _options.Device };
            _writer = new Thread(WriteLoop) { IsBackground = true, Name = "edgemesh serial writer " + _options.Device };
            _reader.Start();
            _writer.Start();
        }

        /// <summary>Encodes the frame as one record and queues it for the line.</summary>
        public bool Send(ReadOnlySpan<byte> frame)
        {
            if (frame.Length > _options.MaxFrameBytes || frame.Length == 0)
            {
                _counters.Increment(TransportCounter.FramesTooLarge);
                return false;
            }

            lock (_gate)
            {
                if (_port == null)
                {
                    _counters.Increment(TransportCounter.SendErrors);
                    return false;
                }

                // StreamFramer works on arrays: the frame is copied once into scratch and encoded
                // straight into the queue.
                frame.CopyTo(_frame);
                FrameError error = StreamFramer.Encode(_frame, 0, frame.Length, _pending, _pendingLength, _pending.Length - _pendingLength, out int written);
                if (error != FrameError.None)
                {
                    _counters.Increment(error == FrameError.BufferTooSmall ? TransportCounter.SendQueueFull : TransportCounter.FramesTooLarge);
                    return false;
                }

                _pendingLength += written;
            }

            _counters.Increment(TransportCounter.PacketsOut);
            _wake.Set();
            return true;
        }

        /// <inheritdoc />
        void ILinkFrameSink.OnFrame(byte[] buffer, int offset, int count)
        {
            _counters.Increment(TransportCounter.PacketsIn);
            try
            {
                _receiver.OnReceive(LinkChannel.Serial, this, buffer, offset, count);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _counters.Increment(TransportCounter.HandlerFaults);
                ErrorObserved?.Invoke("frame handler failed: " + e.Message);
            }
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return _text;
        }

        /// <summary>Stops both threads and closes the device.</summary>
        public void Dispose()
        {
            _stopped.Set();
            _wake.Set();
            Close();
            _reader?.Join(2_000);
            _writer?.Join(2_000);
            _wake.Dispose();
            _stopped.Dispose();
        }

        private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

        private void ReadLoop()
        {
            while (!_stopped.IsSet)
            {
                SerialPort? port = Open();
                if (port == null)
                {
                    long delay = Math.Max(1, _reopen.OnAttemptFailed(NowMs) - NowMs);
                    _stopped.Wait(TimeSpan.FromMilliseconds(delay));
                    continue;
                }

                ReadUntilFailure(port);
                if (_stopped.IsSet)
                {
                    return;
                }

                Close();
                _counters.Increment(TransportCounter.Disconnects);
                _receiver.OnLinkDown(this);
                long wait = Math.Max(1, _reopen.OnDisconnected(NowMs) - NowMs);
                _stopped.Wait(TimeSpan.FromMilliseconds(wait));
            }
        }

        private SerialPort? Open()
        {
            var port = new SerialPort(_options.Device, _options.BaudRate, Parity.None, 8, StopBits.One)
            {
                Handshake = _options.RtsCts ? Handshake.RequestToSend : Handshake.None,
                ReadTimeout = ReadTimeoutMs,
                WriteTimeout = WriteTimeoutMs,
            };
            try
            {
                port.Open();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                port.Dispose();
                _counters.Increment(TransportCounter.ConnectFailures);
                if (_reopen.Failures == 0)
                {
                    ErrorObserved?.Invoke(DescribeOpenFailure(e));
                }

                return null;
            }

            lock (_gate)
            {
                _pendingLength = 0;
                Volatile.Write(ref _port, port);
            }

            _deframer.Reset();
            _reopen.OnConnected(NowMs);
            _counters.Increment(TransportCounter.Connects);
            _receiver.OnLinkUp(this);
            return port;
        }

        private string DescribeOpenFailure(Exception e)
        {
            string cause = e switch
            {
                UnauthorizedAccessException => "permission denied: add the service user to the 'dialout' group",
                FileNotFoundException or DirectoryNotFoundException => "no such device: is the adapter plugged in, or the UART enabled (dtoverlay, raspi-config)?",
                _ => e.Message,
            };
            return "cannot open " + _options.Device + " at " + _options.BaudRate + " baud: " + cause + " (retrying with backoff)";
        }

        private void ReadUntilFailure(SerialPort port)
        {
            while (!_stopped.IsSet)
            {
                int read;
                try
                {
                    read = port.Read(_readBuffer, 0, _readBuffer.Length);
                }
                catch (TimeoutException)
                {
                    continue;
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or UnauthorizedAccessException)
                {
                    if (!_stopped.IsSet)
                    {
                        _counters.Increment(TransportCounter.ReceiveErrors);
                        ErrorObserved?.Invoke(_options.Device + " failed: " + e.Message + " (reopening)");
                    }

                    return;
                }

                if (read <= 0)
                {
                    continue;
                }

                _counters.Add(TransportCounter.BytesIn, read);
                _deframer.Push(_readBuffer, 0, read, this);
                CountNoise();
            }
        }

        private void CountNoise()
        {
            long noise = _deframer.Oversize + _deframer.BadEncoding + _deframer.ShortRecords + _deframer.BadChecksum;
            if (noise != _noiseSeen)
            {
                _counters.Add(TransportCounter.LineNoise, noise - _noiseSeen);
                _noiseSeen = noise;
            }
        }

        private void WriteLoop()
        {
            while (!_stopped.IsSet)
            {
                _wake.WaitOne();
                SerialPort? port;
                int length;
                lock (_gate)
                {
                    port = _port;
                    (_pending, _writing) = (_writing, _pending);
                    length = _pendingLength;
                    _pendingLength = 0;
                }

                if (port == null || length == 0)
                {
                    continue;
                }

                try
                {
                    port.Write(_writing, 0, length);
                    _counters.Add(TransportCounter.BytesOut, length);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or ObjectDisposedException)
                {
                    // The reader notices a vanished device and reopens it; a timed-out write (flow
                    // control held off, line too slow) drops what was queued, counted.
                    _counters.Increment(TransportCounter.SendErrors);
                }
            }
        }

        private void Close()
        {
            SerialPort? port;
            lock (_gate)
            {
                port = _port;
                Volatile.Write(ref _port, null);
                _pendingLength = 0;
            }

            if (port != null)
            {
                try
                {
                    port.Dispose();
                }
                catch (IOException)
                {
                    // closing a device that has already gone away
                }
            }
        }
    }
}
