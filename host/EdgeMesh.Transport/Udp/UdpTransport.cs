using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// One UDP socket: a receive loop that reads every datagram into one fixed, pinned buffer and
    /// hands it to the <see cref="ILinkReceiver"/> (no allocation per datagram from known sources),
    /// and a send side that batches frames per destination into datagrams of at most
    /// <see cref="UdpTransportOptions.MaxDatagramSize"/> bytes. Socket errors are counted and the
    /// loop goes on; only <see cref="Dispose"/> ends it. Sending is thread-safe.
    /// </summary>
    public sealed class UdpTransport : IDisposable, IDatagramSink
    {
        /// <summary>Largest UDP payload over IPv4.</summary>
        public const int MaxUdpPayload = 65507;

        private readonly UdpTransportOptions _options;
        private readonly ILinkReceiver _receiver;
        private readonly Socket _socket;
        private readonly DatagramBatcher _batcher;
        private readonly AddressTable _addresses;
        private readonly byte[] _receiveBuffer = GC.AllocateUninitializedArray<byte>(MaxUdpPayload + 1, pinned: true);
        private readonly Lock _sendGate = new();
        private Task _loop = Task.CompletedTask;
        private volatile bool _disposed;

        /// <summary>Creates and binds the socket (throws <see cref="SocketException"/> when the address is taken or invalid).</summary>
        public UdpTransport(UdpTransportOptions options, ILinkReceiver receiver)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(receiver);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxDatagramSize, MaxUdpPayload);
            _options = options;
            _receiver = receiver;
            _batcher = new DatagramBatcher(options.BatchSlots, options.MaxDatagramSize, this);
            _addresses = new AddressTable(options.AddressTableCapacity, Counters);
            _socket = new Socket(options.Listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                Configure();
                _socket.Bind(options.Listen);
                if (options.JoinGroup != null)
                {
                    _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(options.JoinGroup, options.MulticastInterface ?? IPAddress.Any));
                }
            }
            catch
            {
                _socket.Dispose();
                throw;
            }

            LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        }

        /// <summary>The bound address (with the chosen port when 0 was asked for).</summary>
        public IPEndPoint LocalEndPoint { get; }

        /// <summary>What this socket did and what went wrong.</summary>
        public TransportCounters Counters { get; } = new TransportCounters();

        /// <summary>Called with each socket or handler error (after counting it); for logging.</summary>
        public Action<Exception>? ErrorObserved { get; set; }

        /// <summary>The datagram budget.</summary>
        public int MaxDatagramSize => _batcher.MaxDatagramSize;

        /// <summary>Starts the receive loop.</summary>
        public void Start()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _loop = Task.Run(ReceiveLoopAsync);
        }

        /// <summary>Queues one frame for <paramref name="to"/>; it leaves at the next <see cref="Flush"/> or when the batch is full.</summary>
        public void Send(UdpAddress to, ReadOnlySpan<byte> frame)
        {
            ArgumentNullException.ThrowIfNull(to);
            if (frame.Length > MaxUdpPayload)
            {
                Counters.Increment(TransportCounter.FramesTooLarge);
                return;
            }

            lock (_sendGate)
            {
                _batcher.Add(to, frame, out bool oversize);
                if (oversize)
                {
                    Counters.Increment(TransportCounter.OversizeFrames);
                }
            }
        }

        /// <summary>Sends every queued batch.</summary>
        public void Flush()
        {
            lock (_sendGate)
            {
                _batcher.Flush();
            }
        }

        /// <summary>Sends one datagram now, unbatched (discovery beacons to the multicast group).</summary>
        public void SendDatagram(UdpAddress to, ReadOnlySpan<byte> datagram)
        {
            ArgumentNullException.ThrowIfNull(to);
            if (_disposed)
            {
                return;
            }

            try
            {
                int sent = _socket.SendTo(datagram, SocketFlags.None, to.SocketAddress);
                Counters.Increment(TransportCounter.PacketsOut);
                Counters.Add(TransportCounter.BytesOut, sent);
            }
            catch (SocketException e)
            {
                Counters.Increment(TransportCounter.SendErrors);
                ErrorObserved?.Invoke(e);
            }
            catch (ObjectDisposedException)
            {
                // Shutting down: nothing to send to any more.
            }
        }

        /// <summary>Closes the socket and waits for the receive loop to end.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _socket.Dispose();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The loop's faults were counted as they happened.
            }
        }

        private void Configure()
        {
            if (_options.ReceiveBufferBytes > 0)
            {
                _socket.ReceiveBufferSize = _options.ReceiveBufferBytes;
            }

            if (_options.ReuseAddress)
            {
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            if (_options.Listen.AddressFamily == AddressFamily.InterNetwork)
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, _options.MulticastTtl);
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
                if (_options.MulticastInterface != null)
                {
                    _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, _options.MulticastInterface.GetAddressBytes());
                }
            }
        }

        private async Task ReceiveLoopAsync()
        {
            var from = new SocketAddress(_socket.AddressFamily);
            Memory<byte> buffer = _receiveBuffer;
            while (!_disposed)
            {
                int received;
                try
                {
                    received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from).ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException e)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    Counters.Increment(TransportCounter.ReceiveErrors);
                    ErrorObserved?.Invoke(e);
                    await Task.Delay(10).ConfigureAwait(false); // a broken socket must not spin a core
                    continue;
                }

                Counters.Increment(TransportCounter.PacketsIn);
                Counters.Add(TransportCounter.BytesIn, received);
                Deliver(_addresses.Resolve(from), received);
            }
        }

        private void Deliver(UdpAddress from, int received)
        {
            try
            {
                _receiver.OnReceive(_options.Channel, from, _receiveBuffer, 0, received);
            }
#pragma warning disable CA1031 // the receive loop must survive any fault of the code above it
            catch (Exception e)
#pragma warning restore CA1031
            {
                Counters.Increment(TransportCounter.HandlerFaults);
                ErrorObserved?.Invoke(e);
            }
        }

        void IDatagramSink.SendDatagram(UdpAddress to, ReadOnlySpan<byte> datagram)
        {
            SendDatagram(to, datagram);
        }
    }
}
