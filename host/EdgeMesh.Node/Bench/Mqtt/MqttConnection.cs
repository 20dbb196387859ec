using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Node.Bench.Mqtt
{
    /// <summary>
    /// A minimal MQTT 3.1.1 client connection for QoS 0 (benchmarks only): CONNECT/CONNACK,
    /// SUBSCRIBE/SUBACK, PUBLISH queued in a send buffer and written with one socket call per
    /// <see cref="Flush"/> (TCP_NODELAY on), PINGREQ at half the keep-alive, DISCONNECT on dispose.
    /// Publishing and flushing are thread-safe with the keep-alive timer.
    /// </summary>
    internal sealed class MqttConnection : IDisposable
    {
        private const int BufferBytes = 64 * 1024;
        private const ushort KeepAliveSeconds = 60;

        private readonly Socket _socket;
        private readonly byte[] _send = new byte[BufferBytes];
        private readonly MqttPacketReader _reader = new(BufferBytes);
        private readonly Lock _sendGate = new();
        private readonly Timer _keepAlive;
        private int _sendLength;
        private Task _receive = Task.CompletedTask;
        private bool _disposed;

        private MqttConnection(Socket socket)
        {
            _socket = socket;
            TimeSpan period = TimeSpan.FromSeconds(KeepAliveSeconds / 2);
            _keepAlive = new Timer(_ => Ping(), null, period, period);
        }

        /// <summary>Connects and completes the CONNECT/CONNACK exchange; throws <see cref="IOException"/>-like errors when the broker refuses.</summary>
        internal static async Task<MqttConnection> ConnectAsync(EndPoint broker, string clientId, CancellationToken cancellationToken)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(broker, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            var connection = new MqttConnection(socket);
            try
            {
                connection.Queue(b => MqttCodec.Connect(b, clientId, KeepAliveSeconds));
                connection.Flush();
                (MqttPacketType type, byte[] body) = await connection.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
                if (type != MqttPacketType.ConnAck || body.Length != 2 || body[1] != 0)
                {
                    throw new InvalidOperationException("the broker refused the connection (" + type + (body.Length == 2 ? ", return code " + body[1] : string.Empty) + ")");
                }

                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>Subscribes to <paramref name="topic"/> at QoS 0 and waits for the SUBACK.</summary>
        internal async Task SubscribeAsync(string topic, CancellationToken cancellationToken)
        {
            Queue(b => MqttCodec.Subscribe(b, 1, topic));
            Flush();
            (MqttPacketType type, byte[] body) = await ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            if (type != MqttPacketType.SubAck || body.Length != 3 || body[2] == 0x80)
            {
                throw new InvalidOperationException("the broker refused the subscription (" + type + ")");
            }
        }

        /// <summary>Starts a loop calling <paramref name="onPublish"/> with the payload of each PUBLISH received.</summary>
        internal void StartReceiving(ReceiveHandler onPublish)
        {
            _receive = Task.Run(async () =>
            {
                while (!_disposed && !_reader.Faulted)
                {
                    int read;
                    try
                    {
                        read = await _socket.ReceiveAsync(_reader.GetWriteSpace(), SocketFlags.None).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is SocketException or ObjectDisposedException)
                    {
                        return;
                    }

                    if (read == 0)
                    {
                        return;
                    }

                    _reader.Advance(read);
                    while (_reader.TryRead(out MqttPacketType type, out byte flags, out ReadOnlySpan<byte> body))
                    {
                        if (type == MqttPacketType.Publish && MqttCodec.TryParsePublish(flags, body, out _, out ReadOnlySpan<byte> payload))
                        {
                            onPublish(payload);
                        }
                    }
                }
            });
        }

        /// <summary>Queues a QoS 0 PUBLISH (sent at the next <see cref="Flush"/>, or now when the buffer is full).</summary>
        internal void Publish(ReadOnlySpan<byte> topicUtf8, ReadOnlySpan<byte> payload)
        {
            lock (_sendGate)
            {
                int written = MqttCodec.Publish(_send.AsSpan(_sendLength), topicUtf8, payload);
                if (written == 0)
                {
                    FlushLocked();
                    written = MqttCodec.Publish(_send, topicUtf8, payload);
                }

                _sendLength += written;
            }
        }

        /// <summary>Writes every queued packet.</summary>
        internal void Flush()
        {
            lock (_sendGate)
            {
                FlushLocked();
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _keepAlive.Dispose();
            try
            {
                Queue(b => MqttCodec.Empty(b, MqttPacketType.Disconnect));
                Flush();
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The broker went away first.
            }

            _disposed = true;
            _socket.Dispose();
            try
            {
                _receive.Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
                // The loop ended with the socket.
            }
        }

        private void Queue(SpanEncoder encode)
        {
            lock (_sendGate)
            {
                _sendLength += encode(_send.AsSpan(_sendLength));
            }
        }

        private void Ping()
        {
            try
            {
                Queue(b => MqttCodec.Empty(b, MqttPacketType.PingReq));
                Flush();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Closed: the next publish reports it.
            }
        }

        private void FlushLocked()
        {
            int at = 0;
            while (at < _sendLength)
            {
                at += _socket.Send(_send.AsSpan(at, _sendLength - at), SocketFlags.None);
            }

            _sendLength = 0;
        }

        private async Task<(MqttPacketType Type, byte[] Body)> ReadPacketAsync(CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            while (true)
            {
                if (TryTake(out MqttPacketType type, out byte[]? body))
                {
                    return (type, body!);
                }

                int read = await _socket.ReceiveAsync(_reader.GetWriteSpace(), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                if (read == 0 || _reader.Faulted)
                {
                    throw new InvalidOperationException("the broker closed the connection");
                }

                _reader.Advance(read);
            }
        }

        private bool TryTake(out MqttPacketType type, out byte[]? body)
        {
            bool got = _reader.TryRead(out type, out _, out ReadOnlySpan<byte> span);
            body = got ? span.ToArray() : null;
            return got;
        }

        /// <summary>Encodes one packet into the span; returns the bytes written.</summary>
        private delegate int SpanEncoder(Span<byte> destination);

        /// <summary>Encoded topic name for <see cref="Publish"/>.</summary>
        internal static byte[] EncodeTopic(string topic) => Encoding.UTF8.GetBytes(topic);
    }
}
