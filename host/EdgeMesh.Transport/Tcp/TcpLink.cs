using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// One TCP peer link. An outbound link keeps its identity across reconnections, so the runtime's
    /// peer table stays valid; an accepted link lives as long as its connection. Frames are queued
    /// into a bounded buffer (<see cref="TcpTransportOptions.SendQueueBytes"/>) and written by the
    /// link's writer; a full queue drops the frame and counts it, so a stalled peer never blocks the node.
    /// </summary>
    public sealed class TcpLink : LinkAddress, IFrameLink
    {
        private readonly TransportCounters _counters;
        private readonly Lock _gate = new();
        private readonly string _text;
        private byte[] _pending;
        private byte[] _writing;
        private int _pendingLength;
        private Socket? _socket;
        private SemaphoreSlim? _signal;

        internal TcpLink(string target, bool outbound, int queueBytes, TransportCounters counters)
        {
            Target = target;
            IsOutbound = outbound;
            _counters = counters;
            _pending = new byte[queueBytes];
            _writing = new byte[queueBytes];
            _text = "tcp://" + target;
        }

        /// <summary>host:port this link connects to (outbound) or the remote endpoint (accepted).</summary>
        public string Target { get; }

        /// <summary>True for links this node opens (and reopens); false for accepted ones.</summary>
        public bool IsOutbound { get; }

        /// <summary>True while a connection is up.</summary>
        public bool IsConnected => Volatile.Read(ref _socket) != null;

        /// <summary>The remote endpoint of the current connection, if any.</summary>
        public EndPoint? RemoteEndPoint { get; private set; }

        /// <summary>
        /// Queues one frame. False (and counted) when the link is down, the frame is too large or the
        /// queue is full. Thread-safe.
        /// </summary>
        public bool Send(ReadOnlySpan<byte> frame)
        {
            int needed = LengthPrefixReader.PrefixLength + frame.Length;
            lock (_gate)
            {
                if (_socket == null)
                {
                    _counters.Increment(TransportCounter.SendErrors);
                    return false;
                }

                if (needed > _pending.Length)
                {
                    _counters.Increment(TransportCounter.FramesTooLarge);
                    return false;
                }

                if (_pendingLength + needed > _pending.Length)
                {
                    _counters.Increment(TransportCounter.SendQueueFull);
                    return false;
                }

                LengthPrefixReader.WritePrefix(_pending.AsSpan(_pendingLength), frame.Length);
                frame.CopyTo(_pending.AsSpan(_pendingLength + LengthPrefixReader.PrefixLength));
                if (_pendingLength == 0)
                {
                    _signal?.Release(); // inside the lock: Detach disposes the signal after clearing it
                }

                _pendingLength += needed;
            }

            _counters.Increment(TransportCounter.PacketsOut);
            return true;
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return _text;
        }

        internal void Attach(Socket socket, SemaphoreSlim signal)
        {
            lock (_gate)
            {
                _pendingLength = 0;
                _signal = signal;
                RemoteEndPoint = socket.RemoteEndPoint;
                Volatile.Write(ref _socket, socket);
            }
        }

        internal void Detach()
        {
            Socket? socket;
            lock (_gate)
            {
                socket = _socket;
                Volatile.Write(ref _socket, null);
                _pendingLength = 0;
                _signal?.Release(); // wakes the writer so it sees the link is down
                _signal = null;
            }

            socket?.Dispose();
        }

        /// <summary>Writes queued frames until the connection ends.</summary>
        internal async Task WriteLoopAsync(Socket socket, SemaphoreSlim signal)
        {
            while (true)
            {
                await signal.WaitAsync().ConfigureAwait(false);
                int length;
                lock (_gate)
                {
                    if (!ReferenceEquals(_socket, socket))
                    {
                        return;
                    }

                    (_pending, _writing) = (_writing, _pending);
                    length = _pendingLength;
                    _pendingLength = 0;
                }

                if (length == 0)
                {
                    continue;
                }

                try
                {
                    int offset = 0;
                    while (offset < length)
                    {
                        offset += await socket.SendAsync(_writing.AsMemory(offset, length - offset), SocketFlags.None).ConfigureAwait(false);
                    }

                    _counters.Add(TransportCounter.BytesOut, length);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    _counters.Increment(TransportCounter.SendErrors);
                    socket.Dispose(); // ends the read loop, which detaches the link
                    return;
                }
            }
        }
    }
}
