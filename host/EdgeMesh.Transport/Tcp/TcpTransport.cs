using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// TCP links: accepts connections (when <see cref="TcpTransportOptions.Listen"/> is set) and keeps
    /// outbound links to configured peers up, reconnecting with <see cref="ReconnectPolicy"/>. Frames
    /// travel with a 4-byte big-endian length prefix. Each connection reads into one fixed buffer; a
    /// bad prefix, a reset or a vanished peer ends that connection only (counted).
    /// </summary>
    public sealed class TcpTransport : IDisposable
    {
        private readonly TcpTransportOptions _options;
        private readonly ILinkReceiver _receiver;
        private readonly TimeProvider _clock;
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _gate = new();
        private readonly List<TcpLink> _links = new();
        private readonly List<Task> _tasks = new();
        private Socket? _listener;
        private int _connections;

        /// <summary>Creates the transport; <paramref name="clock"/> paces reconnection attempts.</summary>
        public TcpTransport(TcpTransportOptions options, ILinkReceiver receiver, TimeProvider clock)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(receiver);
            ArgumentNullException.ThrowIfNull(clock);
            _options = options;
            _receiver = receiver;
            _clock = clock;
            if (options.Listen != null)
            {
                var listener = new Socket(options.Listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    listener.Bind(options.Listen);
                    listener.Listen(options.MaxConnections);
                }
                catch
                {
                    listener.Dispose();
                    throw;
                }

                _listener = listener;
                LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
            }
        }

        /// <summary>The listening address, or null when not accepting.</summary>
        public IPEndPoint? LocalEndPoint { get; }

        /// <summary>What the links did and what went wrong.</summary>
        public TransportCounters Counters { get; } = new TransportCounters();

        /// <summary>Called with each socket or handler error (after counting it); for logging.</summary>
        public Action<Exception>? ErrorObserved { get; set; }

        /// <summary>Every link, connected or waiting to reconnect.</summary>
        public IReadOnlyList<TcpLink> Links
        {
            get
            {
                lock (_gate)
                {
                    return _links.ToArray();
                }
            }
        }

        /// <summary>Starts accepting connections.</summary>
        public void Start()
        {
            if (_listener != null)
            {
                Track(Task.Run(AcceptLoopAsync));
            }
        }

        /// <summary>Opens an outbound link to <paramref name="host"/>:<paramref name="port"/> and keeps it up until disposal.</summary>
        public TcpLink Connect(string host, int port)
        {
            ArgumentException.ThrowIfNullOrEmpty(host);
            var link = new TcpLink(host + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture), true, _options.SendQueueBytes, Counters);
            lock (_gate)
            {
                _links.Add(link);
            }

            Track(Task.Run(() => KeepConnectedAsync(link, host, port)));
            return link;
        }

        /// <summary>Closes every connection and waits for the loops to end.</summary>
        public void Dispose()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            _listener?.Dispose();
            foreach (TcpLink link in Links)
            {
                link.Detach();
            }

            Task[] tasks;
            lock (_gate)
            {
                tasks = _tasks.ToArray();
            }

            try
            {
                Task.WaitAll(tasks, TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Faults were counted as they happened.
            }

            _stop.Dispose();
        }

        private void Track(Task task)
        {
            lock (_gate)
            {
                _tasks.RemoveAll(t => t.IsCompleted);
                _tasks.Add(task);
            }
        }

        private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException e)
                {
                    Counters.Increment(TransportCounter.ReceiveErrors);
                    ErrorObserved?.Invoke(e);
                    continue;
                }

                if (Interlocked.Increment(ref _connections) > _options.MaxConnections)
                {
                    Interlocked.Decrement(ref _connections);
                    Counters.Increment(TransportCounter.ConnectionsRefused);
                    socket.Dispose();
                    continue;
                }

                var link = new TcpLink(socket.RemoteEndPoint?.ToString() ?? "?", false, _options.SendQueueBytes, Counters);
                lock (_gate)
                {
                    _links.Add(link);
                }

                Track(Task.Run(async () =>
                {
                    await RunSessionAsync(link, socket).ConfigureAwait(false);
                    Interlocked.Decrement(ref _connections);
                    lock (_gate)
                    {
                        _links.Remove(link);
                    }
                }));
            }
        }

        private async Task KeepConnectedAsync(TcpLink link, string host, int port)
        {
            var policy = new ReconnectPolicy(_options.Reconnect, new Random());
            while (!_stop.IsCancellationRequested)
            {
                long wait = policy.NextAttemptMs - NowMs;
                if (wait > 0 && !await DelayAsync(wait).ConfigureAwait(false))
                {
                    return;
                }

                Socket? socket = await TryConnectAsync(host, port).ConfigureAwait(false);
                if (socket == null)
                {
                    Counters.Increment(TransportCounter.ConnectFailures);
                    policy.OnAttemptFailed(NowMs);
                    continue;
                }

                Interlocked.Increment(ref _connections);
                policy.OnConnected(NowMs);
                await RunSessionAsync(link, socket).ConfigureAwait(false);
                Interlocked.Decrement(ref _connections);
                policy.OnDisconnected(NowMs);
            }
        }

        private async Task<bool> DelayAsync(long milliseconds)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), _clock, _stop.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private async Task<Socket?> TryConnectAsync(string host, int port)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(_options.ConnectTimeoutMs);
            try
            {
                await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
                socket.NoDelay = true;
                return socket;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                socket.Dispose();
                return null;
            }
        }

        private async Task RunSessionAsync(TcpLink link, Socket socket)
        {
            Counters.Increment(TransportCounter.Connects);
            socket.NoDelay = true;
            using var signal = new SemaphoreSlim(0);
            link.Attach(socket, signal);
            Task writer = link.WriteLoopAsync(socket, signal);
            NotifyLink(link, up: true);
            try
            {
                await ReadLoopAsync(link, socket).ConfigureAwait(false);
            }
            finally
            {
                link.Detach();
                Counters.Increment(TransportCounter.Disconnects);
                await writer.ConfigureAwait(false);
                NotifyLink(link, up: false);
            }
        }

        private async Task ReadLoopAsync(TcpLink link, Socket socket)
        {
            var reader = new LengthPrefixReader(_options.MaxFrameLength);
            while (!_stop.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await socket.ReceiveAsync(reader.FreeSpace, SocketFlags.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                if (received == 0)
                {
                    return; // orderly close
                }

                Counters.Add(TransportCounter.BytesIn, received);
                reader.Advance(received);
                PrefixResult result;
                while ((result = reader.Next(out int offset, out int length)) == PrefixResult.Frame)
                {
                    Counters.Increment(TransportCounter.PacketsIn);
                    Deliver(link, reader.Buffer, offset, length);
                }

                if (result == PrefixResult.BadLength)
                {
                    Counters.Increment(TransportCounter.BadLengthPrefix);
                    return; // the stream is out of step: drop the connection, the peer reconnects
                }

                reader.Compact();
            }
        }

        private void Deliver(TcpLink link, byte[] buffer, int offset, int length)
        {
            try
            {
                _receiver.OnReceive(LinkChannel.Tcp, link, buffer, offset, length);
            }
#pragma warning disable CA1031 // the read loop must survive any fault of the code above it
            catch (Exception e)
#pragma warning restore CA1031
            {
                Counters.Increment(TransportCounter.HandlerFaults);
                ErrorObserved?.Invoke(e);
            }
        }

        private void NotifyLink(TcpLink link, bool up)
        {
            try
            {
                if (up)
                {
                    _receiver.OnLinkUp(link);
                }
                else
                {
                    _receiver.OnLinkDown(link);
                }
            }
#pragma warning disable CA1031 // a receiver fault must not take the connection loop down
            catch (Exception e)
#pragma warning restore CA1031
            {
                Counters.Increment(TransportCounter.HandlerFaults);
                ErrorObserved?.Invoke(e);
            }
        }
    }
}
