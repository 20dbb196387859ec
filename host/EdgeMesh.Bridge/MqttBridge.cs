using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using EdgeMesh.Bridge.Configuration;
using EdgeMesh.Bridge.Connection;
using EdgeMesh.Bridge.Mesh;
using EdgeMesh.Bridge.Payloads;
using EdgeMesh.Bridge.Queue;
using EdgeMesh.Bridge.Status;
using EdgeMesh.Bridge.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeMesh.Bridge
{
    /// <summary>
    /// Carries chosen topics between the mesh (through <see cref="IMeshPort"/>) and an MQTT broker
    /// (docs/mqtt.md). Three loops: the connection (broker list, backoff with jitter, re-subscribe),
    /// the outbound pump (persisted QoS 1 queue and a bounded QoS 0 queue, deleted only on PUBACK),
    /// and MQTTnet's receive callback (manual acknowledgement after the mesh accepted).
    /// </summary>
    public sealed class MqttBridge : IAsyncDisposable
    {
        /// <summary>MQTT 5 user property naming the bridge that published a message (loop marker).</summary>
        public const string BridgeProperty = "em-bridge";

        /// <summary>MQTT 5 user property carrying the message's fingerprint (hex), for de-duplication downstream.</summary>
        public const string MessageIdProperty = "em-id";

        private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);
        private const int VolatileBatch = 256;
        private static readonly TimeSpan RefusalPause = TimeSpan.FromMilliseconds(500);

        private readonly BridgeSettings _settings;
        private readonly IMeshPort _mesh;
        private readonly TimeProvider _clock;
        private readonly ReconnectBackoff _backoff;
        private readonly PersistentOutbox _outbox;
        private readonly Channel<OutboundMessage> _volatile;
        private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly CrossingGuard _echoes;
        private readonly CrossingGuard _imports;
        private readonly Dictionary<string, BridgeRule> _rulesByName = new Dictionary<string, BridgeRule>(StringComparer.Ordinal);
        private readonly byte[] _bridgeIdBytes;
        private readonly IMqttClient _client;
        private readonly List<IDisposable> _meshSubscriptions = new List<IDisposable>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private TaskCompletionSource<bool> _disconnected = NewSignal();
        private Task? _connectionLoop;
        private Task? _pump;
        private volatile bool _ready;
        private volatile string? _broker;
        private long _connects;
        private long _reconnects;
        private long _connectFailures;
        private long _unroutable;
        private long _meshUnavailable;
        private long _subscribeRefusals;
        private long _volatileLost;
        private long _brokerRefusals;
        private int _disposed;

        internal MqttBridge(BridgeSettings settings, IMeshPort mesh, TimeProvider clock, Func<double> unitRandom)
        {
            _settings = settings;
            _mesh = mesh;
            _clock = clock;
            BridgeConfig c = settings.Config;
            _backoff = new ReconnectBackoff(c.ReconnectMinMs, c.ReconnectMaxMs, unitRandom);
            _outbox = new PersistentOutbox(settings.QueueDirectory, c.QueueCapacity, c.QueueFlushToDisk);
            foreach (BridgeRule rule in settings.Rules)
            {
                _rulesByName.Add(rule.Name, rule);
            }

            _volatile = Channel.CreateBounded<OutboundMessage>(
                new BoundedChannelOptions(c.VolatileCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                dropped => CountersFor(dropped.Rule)?.CountDropped());
            _echoes = new CrossingGuard(c.EchoCapacity, c.EchoWindowMs);
            _imports = new CrossingGuard(c.EchoCapacity, c.EchoWindowMs);
            _bridgeIdBytes = Encoding.UTF8.GetBytes(settings.BridgeId);
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += OnReceivedAsync;
            _client.DisconnectedAsync += _ =>
            {
                _ready = false;
                _disconnected.TrySetResult(true);
                return Task.CompletedTask;
            };
        }

        /// <summary>Whether a broker session is up and subscribed.</summary>
        public bool IsConnected => _ready;

        /// <summary>
        /// Checks <paramref name="config"/> and opens the persisted queue (relative paths resolve
        /// against <paramref name="baseDirectory"/>, the node directory). False with a one-line error
        /// naming the field on any problem.
        /// </summary>
        public static bool TryCreate(BridgeConfig config, string baseDirectory, IMeshPort mesh, TimeProvider clock, out MqttBridge? bridge, out string error)
        {
            ArgumentNullException.ThrowIfNull(mesh);
            ArgumentNullException.ThrowIfNull(clock);
            bridge = null;
            if (!BridgeSettings.TryCompile(config, baseDirectory, out BridgeSettings? settings, out error) || settings == null)
            {
                return false;
            }

            try
            {
                bridge = new MqttBridge(settings, mesh, clock, Random.Shared.NextDouble);
                return true;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                error = "bridge.queueDirectory: " + ex.Message;
                return false;
            }
        }

        /// <summary>Subscribes in the mesh and starts connecting; returns at once (the connection comes up in the background).</summary>
        public Task StartAsync()
        {
            if (_connectionLoop != null)
            {
                throw new InvalidOperationException("the bridge is already started");
            }

            foreach (BridgeRule rule in _settings.Rules)
            {
                if (rule.CarriesOut)
                {
                    BridgeRule captured = rule;
                    _meshSubscriptions.Add(_mesh.Subscribe(rule.MeshFilter, p => Deliver(captured, p)));
                }
            }

            _connectionLoop = Task.Run(() => RunConnectionAsync(_stop.Token));
            _pump = Task.Run(() => RunPumpAsync(_stop.Token));
            return Task.CompletedTask;
        }

        /// <summary>Waits until the bridge is connected, or the timeout passes.</summary>
        public async Task<bool> WaitConnectedAsync(TimeSpan timeout)
        {
            long deadline = _clock.GetTimestamp() + (long)(timeout.TotalSeconds * _clock.TimestampFrequency);
            while (!_ready)
            {
                if (_clock.GetTimestamp() > deadline)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), _clock).ConfigureAwait(false);
            }

            return true;
        }

        /// <summary>Counters and connection state now.</summary>
        public BridgeStatus GetStatus()
        {
            var rules = new List<RuleStatus>(_settings.Rules.Count);
            foreach (BridgeRule rule in _settings.Rules)
            {
                rules.Add(rule.Counters.Snapshot(_outbox.CountFor(rule.Name)));
            }

            return new BridgeStatus(
                _ready,
                _broker,
                Interlocked.Read(ref _connects),
                Interlocked.Read(ref _reconnects),
                Interlocked.Read(ref _connectFailures),
                _outbox.Count,
                _outbox.Dropped,
                _outbox.Corrupt,
                Unroutable,
                MeshUnavailable,
                rules);
        }

        /// <summary>Broker messages on no rule's topic (a broker sending what was not asked for): acknowledged and dropped.</summary>
        internal long Unroutable => Interlocked.Read(ref _unroutable);

        /// <summary>Broker messages left unacknowledged because the mesh could not take them (the broker sends them again).</summary>
        internal long MeshUnavailable => Interlocked.Read(ref _meshUnavailable);

        /// <summary>Subscriptions the broker refused.</summary>
        internal long SubscribeRefusals => Interlocked.Read(ref _subscribeRefusals);

        /// <summary>QoS 0 messages lost because the connection broke while they were being written.</summary>
        internal long VolatileLost => Interlocked.Read(ref _volatileLost);

        internal int QueueCount => _outbox.Count;

        /// <summary>Publishes the broker answered with a failure reason code (kept and retried every 500 ms).</summary>
        internal long BrokerRefusals => Interlocked.Read(ref _brokerRefusals);

        /// <summary>Stops: unsubscribes from the mesh, ends the loops, disconnects cleanly (the broker keeps the session).</summary>
        public async Task StopAsync()
        {
            foreach (IDisposable s in _meshSubscriptions)
            {
                s.Dispose();
            }

            _meshSubscriptions.Clear();
            await _stop.CancelAsync().ConfigureAwait(false);
            foreach (Task? t in new[] { _connectionLoop, _pump })
            {
                if (t != null)
                {
                    try
                    {
                        await t.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }

            _ready = false;
            if (_client.IsConnected)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException || ex is MQTTnet.Exceptions.MqttCommunicationException || ex is InvalidOperationException)
                {
                    // Gone already; the broker keeps the session either way.
                }
            }
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            await StopAsync().ConfigureAwait(false);
            _client.Dispose();
            _outbox.Dispose();
            _stop.Dispose();
        }

        private static TaskCompletionSource<bool> NewSignal()
        {
            return new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

        private RuleCounters? CountersFor(string rule)
        {
            return _rulesByName.TryGetValue(rule, out BridgeRule? r) ? r.Counters : null;
        }

        private void Wake()
        {
            _wake.Writer.TryWrite(true);
        }

        // ---- mesh to broker ----

        private bool Deliver(BridgeRule rule, MeshPublication publication)
        {
            if (publication.FromBridge)
            {
                // Came in from a broker (here or at another gateway): never carried back out.
                rule.Counters.CountEcho();
                return true;
            }

            if (_imports.TryConsume(Fingerprint.Of(publication.Topic, publication.Payload.Span), NowMs))
            {
                // This bridge's own import handed back by the mesh without the bridged mark.
                rule.Counters.CountEcho();
                return true;
            }

            string? topic = rule.MapOut(publication.Topic);
            if (topic == null)
            {
                return false; // the port delivered a topic outside the rule's filter
            }

            byte[] payload;
            if (rule.Format == PayloadFormat.Json)
            {
                if (!JsonPayloads.TryToJson(publication.PayloadType, publication.Payload.Span, out payload))
                {
                    rule.Counters.CountRejected();
                    return false;
                }
            }
            else
            {
                payload = publication.Payload.ToArray();
            }

            if (payload.Length > QueueFile.MaxPayloadLength)
            {
                rule.Counters.CountRejected();
                return false;
            }

            var message = new OutboundMessage(0, rule.Name, topic, rule.Qos, payload, Fingerprint.Of(topic, payload));
            if (rule.Qos == 1)
            {
                if (!_outbox.TryEnqueue(message))
                {
                    rule.Counters.CountDropped();
                    return false;
                }
            }
            else if (!_volatile.Writer.TryWrite(message))
            {
                rule.Counters.CountDropped();
                return false;
            }

            Wake();
            return true;
        }

        private async Task RunPumpAsync(CancellationToken ct)
        {
            var batch = new List<OutboundMessage>(_settings.Config.MaxInFlight);
            var sends = new List<Task<bool>>(_settings.Config.MaxInFlight);
            while (!ct.IsCancellationRequested)
            {
                bool worked = false;
                if (_ready)
                {
                    for (int i = 0; i < VolatileBatch && _ready && _volatile.Reader.TryRead(out OutboundMessage? m); i++)
                    {
                        worked = true;
                        if (!await TryPublishAsync(m, ct).ConfigureAwait(false))
                        {
                            Interlocked.Increment(ref _volatileLost); // QoS 0: at most once, by definition
                        }
                    }

                    int window = Math.Max(1, Math.Min(_settings.Config.MaxInFlight, _receiveMaximum));
                    if (_ready && _outbox.PeekOldest(batch, window) > 0)
                    {
                        worked = true;
                        sends.Clear();
                        foreach (OutboundMessage m in batch)
                        {
                            sends.Add(TryPublishAsync(m, ct));
                        }

                        int delivered = 0;
                        for (int i = 0; i < batch.Count; i++)
                        {
                            if (await sends[i].ConfigureAwait(false))
                            {
                                _outbox.Complete(batch[i].Sequence); // deleted only now that the broker has it
                                delivered++;
                            }
                        }

                        if (delivered == 0 && _ready)
                        {
                            // The broker refuses what is left (authorisation, quota): retry, but not in a tight loop.
                            try
                            {
                                await Task.Delay(RefusalPause, _clock, ct).ConfigureAwait(false);
                            }
                            catch (OperationCanceledException)
                            {
                                return;
                            }
                        }
                    }
                }

                if (!worked)
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    tick.CancelAfter(TimeSpan.FromMilliseconds(200));
                    try
                    {
                        await _wake.Reader.ReadAsync(tick.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        // periodic look at the connection state
                    }
                }
            }
        }

        private int _receiveMaximum = int.MaxValue;

        private async Task<bool> TryPublishAsync(OutboundMessage message, CancellationToken ct)
        {
            var builder = new MqttApplicationMessageBuilder()
                .WithTopic(message.Topic)
                .WithPayload(message.Payload)
                .WithQualityOfServiceLevel(message.Qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce);
            if (_settings.IsV5)
            {
                builder.WithUserProperty(BridgeProperty, _bridgeIdBytes)
                    .WithUserProperty(MessageIdProperty, Encoding.ASCII.GetBytes(message.MessageId.ToString("x16", CultureInfo.InvariantCulture)));
            }
            else if (ComesBack(message.Topic))
            {
                // 3.1.1 has no No Local: the broker will hand this copy back to us; remember it to drop it.
                _echoes.Remember(message.MessageId, NowMs);
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(PublishTimeout);
                MqttClientPublishResult result = await _client.PublishAsync(builder.Build(), timeout.Token).ConfigureAwait(false);
                if (result.IsSuccess)
                {
                    CountersFor(message.Rule)?.CountOut();
                    return true;
                }

                // The broker refused it (not authorised, quota): keep it and retry later rather than lose it.
                Interlocked.Increment(ref _brokerRefusals);
                return false;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException || ex is OperationCanceledException || ex is InvalidOperationException || ex is MQTTnet.Exceptions.MqttProtocolViolationException)
            {
                _ready = false;
                return false;
            }
        }

        private bool ComesBack(string mqttTopic)
        {
            foreach (BridgeRule rule in _settings.Rules)
            {
                if (rule.MapIn(mqttTopic) != null)
                {
                    return true;
                }
            }

            return false;
        }

        // ---- broker to mesh ----

        private async Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
        {
            e.AutoAcknowledge = false; // PUBACK only after the mesh accepted the message
            MqttApplicationMessage message = e.ApplicationMessage;
            string topic = message.Topic;
            byte[] payload = message.Payload.ToArray();
            BridgeRule? rule = null;
            string? meshTopic = null;
            foreach (BridgeRule r in _settings.Rules)
            {
                meshTopic = r.MapIn(topic);
                if (meshTopic != null)
                {
                    rule = r;
                    break;
                }
            }

            if (rule == null || meshTopic == null)
            {
                Interlocked.Increment(ref _unroutable);
                await AcknowledgeAsync(e).ConfigureAwait(false);
                return;
            }

            if (IsOwnEcho(message, topic, payload))
            {
                rule.Counters.CountEcho();
                await AcknowledgeAsync(e).ConfigureAwait(false);
                return;
            }

            if (!HasRequiredProperties(rule, message))
            {
                rule.Counters.CountRejected();
                await AcknowledgeAsync(e).ConfigureAwait(false);
                return;
            }

            ushort payloadType = rule.PayloadType;
            if (rule.Format == PayloadFormat.Json && !JsonPayloads.TryFromJson(payload, out payloadType, out payload, out _))
            {
                rule.Counters.CountRejected();
                await AcknowledgeAsync(e).ConfigureAwait(false);
                return;
            }

            if (payload.Length > EdgeMesh.Protocol.Wire.WireFormat.MaxPayloadLength)
            {
                rule.Counters.CountRejected();
                await AcknowledgeAsync(e).ConfigureAwait(false);
                return;
            }

            // Remember the import before publishing: the mesh may hand it to our own subscription at once.
            ulong meshId = Fingerprint.Of(meshTopic, payload);
            int outRules = 0;
            foreach (BridgeRule r in _settings.Rules)
            {
                if (r.MapOut(meshTopic) != null)
                {
                    outRules++;
                }
            }

            for (int i = 0; i < outRules; i++)
            {
                _imports.Remember(meshId, NowMs);
            }

            MeshAcceptance answer;
            try
            {
                answer = await _mesh.PublishAsync(new MeshPublication(meshTopic, payloadType, payload, null, fromBridge: true), _stop.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // any failure of the mesh side means "not accepted": the broker must send it again
            catch (Exception)
#pragma warning restore CA1031
            {
                answer = MeshAcceptance.Unavailable;
            }

            switch (answer)
            {
                case MeshAcceptance.Accepted:
                    rule.Counters.CountIn();
                    await AcknowledgeAsync(e).ConfigureAwait(false);
                    break;
                case MeshAcceptance.Refused:
                case MeshAcceptance.Forbidden:
                    rule.Counters.CountRejected();
                    await AcknowledgeAsync(e).ConfigureAwait(false);
                    break;
                default:
                    Interlocked.Increment(ref _meshUnavailable);
                    if (message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
                    {
                        // No PUBACK: drop the connection so the broker delivers it again on the next session.
                        _ready = false;
                        _ = DropConnectionAsync();
                    }

                    // QoS 0 is at most once: nothing would come again, so the session stays up.
                    break;
            }
        }

        private bool IsOwnEcho(MqttApplicationMessage message, string topic, byte[] payload)
        {
            if (_settings.IsV5)
            {
                // No Local should already stop it; the marker also covers brokers that ignore No Local.
                List<MqttUserProperty>? properties = message.UserProperties;
                if (properties != null)
                {
                    foreach (MqttUserProperty p in properties)
                    {
                        if (string.Equals(p.Name, BridgeProperty, StringComparison.Ordinal) && p.ValueBuffer.Span.SequenceEqual(_bridgeIdBytes))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            return _echoes.TryConsume(Fingerprint.Of(topic, payload), NowMs);
        }

        private static bool HasRequiredProperties(BridgeRule rule, MqttApplicationMessage message)
        {
            foreach (KeyValuePair<string, string> required in rule.RequiredProperties)
            {
                bool found = false;
                if (message.UserProperties != null)
                {
                    foreach (MqttUserProperty p in message.UserProperties)
                    {
                        if (string.Equals(p.Name, required.Key, StringComparison.Ordinal) && string.Equals(p.ReadValueAsString(), required.Value, StringComparison.Ordinal))
                        {
                            found = true;
                            break;
                        }
                    }
                }

                if (!found)
                {
                    return false;
                }
            }

            return true;
        }

        private async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs e)
        {
            try
            {
                await e.AcknowledgeAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException || ex is OperationCanceledException || ex is InvalidOperationException)
            {
                // The connection went; the broker redelivers, and the mesh sees a duplicate (at least once).
            }
        }

        private async Task DropConnectionAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = MqttClientDisconnectOptionsReason.UnspecifiedError }, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException || ex is OperationCanceledException || ex is InvalidOperationException)
            {
            }
        }

        // ---- the connection ----

        private async Task RunConnectionAsync(CancellationToken ct)
        {
            int index = 0;
            bool retrySameFirst = false;
            while (!ct.IsCancellationRequested)
            {
                BrokerEndpoint endpoint = _settings.Brokers[index];
                _broker = endpoint.ToString();
                try
                {
                    _disconnected = NewSignal();
                    using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
                    {
                        timeout.CancelAfter(ConnectTimeout);
                        MqttClientConnectResult result = await _client.ConnectAsync(BuildOptions(endpoint), timeout.Token).ConfigureAwait(false);
                        if (result.ResultCode != MqttClientConnectResultCode.Success)
                        {
                            throw new MQTTnet.Exceptions.MqttCommunicationException("broker refused the connection: " + result.ResultCode);
                        }

                        _receiveMaximum = result.ReceiveMaximum > 0 ? result.ReceiveMaximum.Value : int.MaxValue;
                        await SubscribeAsync(timeout.Token).ConfigureAwait(false);
                    }

                    Interlocked.Increment(ref _connects);
                    _backoff.Reset();
                    _ready = _client.IsConnected;
                    Wake();
                    await _disconnected.Task.WaitAsync(ct).ConfigureAwait(false);
                    _ready = false;
                    Interlocked.Increment(ref _reconnects);
                    retrySameFirst = true; // a dropped session is first retried where it was
                }
#pragma warning disable CA1031 // whatever a broker or the network throws, the loop must live on and try again
                catch (Exception) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    _ready = false;
                    Interlocked.Increment(ref _connectFailures);
                    if (_client.IsConnected)
                    {
                        await DropConnectionAsync().ConfigureAwait(false);
                    }

                    if (retrySameFirst)
                    {
                        retrySameFirst = false;
                    }
                    else
                    {
                        index = (index + 1) % _settings.Brokers.Count; // fail over to the next broker in the list
                    }

                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(_backoff.NextDelayMs()), _clock, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task SubscribeAsync(CancellationToken ct)
        {
            var builder = new MqttClientSubscribeOptionsBuilder();
            int count = 0;
            foreach (BridgeRule rule in _settings.Rules)
            {
                if (!rule.CarriesIn)
                {
                    continue;
                }

                count++;
                builder.WithTopicFilter(f =>
                {
                    f.WithTopic(rule.MqttFilter).WithQualityOfServiceLevel(rule.Qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce);
                    if (_settings.IsV5)
                    {
                        f.WithNoLocal(true).WithRetainAsPublished(true);
                    }
                });
            }

            if (count == 0)
            {
                return;
            }

            MqttClientSubscribeResult result = await _client.SubscribeAsync(builder.Build(), ct).ConfigureAwait(false);
            foreach (MqttClientSubscribeResultItem item in result.Items)
            {
                if ((int)item.ResultCode >= 0x80)
                {
                    Interlocked.Increment(ref _subscribeRefusals);
                }
            }
        }

        private MqttClientOptions BuildOptions(BrokerEndpoint endpoint)
        {
            BridgeConfig c = _settings.Config;
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(endpoint.Host, endpoint.Port)
                .WithClientId(c.ClientId)
                .WithProtocolVersion(_settings.IsV5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(c.KeepAliveSeconds))
                .WithTimeout(ConnectTimeout)
                .WithCleanSession(false); // the broker keeps subscriptions and unacknowledged QoS 1 across reconnects
            if (_settings.IsV5)
            {
                builder.WithSessionExpiryInterval(7 * 24 * 3600);
            }

            if (!string.IsNullOrEmpty(c.Username))
            {
                builder.WithCredentials(c.Username, _settings.Password ?? string.Empty);
            }

            if (endpoint.Tls)
            {
                builder.WithTlsOptions(tls =>
                {
                    tls.UseTls();
                    if (!string.IsNullOrEmpty(c.CaFile))
                    {
                        var ca = new X509Certificate2Collection();
                        ca.ImportFromPemFile(c.CaFile);
                        tls.WithTrustChain(ca);
                    }

                    if (!string.IsNullOrEmpty(c.ClientCertificateFile))
                    {
                        tls.WithClientCertificates(new[] { X509Certificate2.CreateFromPemFile(c.ClientCertificateFile, c.ClientKeyFile) });
                    }
                });
            }

            return builder.Build();
        }
    }
}
