using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Bridge;
using EdgeMesh.Bridge.Configuration;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// The MQTT bridge between the harness and an MQTTnet client on a broker. <c>out</c>: the harness
    /// publishes into the mesh, the bridge queues and forwards to the broker, an MQTT client receives.
    /// <c>in</c>: an MQTT client publishes, the bridge takes it from the broker, hands it to the mesh
    /// (acknowledging after the mesh accepted) and the harness receives it.
    /// </summary>
    internal sealed class BridgeBenchLink : IBenchLink
    {
        private const string MeshTopic = "bench/bridge";

        private readonly IPEndPoint _broker;
        private readonly bool _outbound;
        private readonly int _qos;
        private readonly bool _v5;
        private readonly bool _flushToDisk;
        private readonly LoopbackMeshPort _mesh = new LoopbackMeshPort();
        private readonly string _queueDirectory = Path.Combine(Path.GetTempPath(), "edgemesh-bench-bridge-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        private readonly System.Collections.Generic.List<byte[]> _burst = new System.Collections.Generic.List<byte[]>(ClosedLoopRun.MaxBurst);
        private readonly System.Collections.Generic.List<Task<MqttClientPublishResult>> _sends = new System.Collections.Generic.List<Task<MqttClientPublishResult>>(ClosedLoopRun.MaxBurst);
        private MqttBridge? _bridge;
        private IMqttClient? _client;

        internal BridgeBenchLink(IPEndPoint broker, string label, bool outbound, int qos, bool v5, bool flushToDisk)
        {
            _broker = broker;
            _outbound = outbound;
            _qos = qos;
            _v5 = v5;
            _flushToDisk = flushToDisk;
            Mode = label + ", " + (outbound ? "mesh → bridge → broker → MQTT client" : "MQTT client → broker → bridge → mesh")
                + ", MQTT " + (v5 ? "5" : "3.1.1") + ", QoS " + qos.ToString(CultureInfo.InvariantCulture)
                + (qos == 1 ? (flushToDisk ? ", queue flushed to disk" : ", queue not flushed") : string.Empty);
        }

        public string System => "edgemesh-bridge";

        public string Mode { get; }

        public async Task StartAsync(ReceiveHandler onMessage, CancellationToken cancellationToken)
        {
            var config = new BridgeConfig
            {
                ClientId = "edgemesh-bench-bridge-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                MqttVersion = _v5 ? "5" : "3.1.1",
                QueueDirectory = _queueDirectory,
                QueueFlushToDisk = _flushToDisk,
                MaxInFlight = 64,
                VolatileCapacity = 4096,
            };
            config.Brokers.Add("mqtt://" + _broker.Address + ":" + _broker.Port.ToString(CultureInfo.InvariantCulture));
            config.Rules.Add(new BridgeRuleConfig { Direction = _outbound ? "out" : "in", Pattern = MeshTopic, Qos = _qos });
            if (!_outbound)
            {
                _mesh.OnImported = onMessage;
            }

            if (!MqttBridge.TryCreate(config, Path.GetTempPath(), _mesh, TimeProvider.System, out _bridge, out string error))
            {
                throw new InvalidOperationException("bridge: " + error);
            }

            var factory = new MqttClientFactory();
            _client = factory.CreateMqttClient();
            var options = new MqttClientOptionsBuilder().WithTcpServer(_broker.Address.ToString(), _broker.Port)
                .WithClientId("edgemesh-bench-client-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
                .WithProtocolVersion(_v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311).WithCleanSession(true).Build();
            if (_outbound)
            {
                _client.ApplicationMessageReceivedAsync += e =>
                {
                    ReadOnlySequence<byte> payload = e.ApplicationMessage.Payload;
                    if (payload.IsSingleSegment)
                    {
                        onMessage(payload.FirstSpan);
                    }
                    else
                    {
                        onMessage(payload.ToArray());
                    }

                    return Task.CompletedTask;
                };
            }

            await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            if (_outbound)
            {
                await _client.SubscribeAsync(
                    new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(MeshTopic).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)_qos)).Build(),
                    cancellationToken).ConfigureAwait(false);
            }

            await _bridge!.StartAsync().ConfigureAwait(false);
            if (!await _bridge.WaitConnectedAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false))
            {
                throw new InvalidOperationException("bridge: no connection to " + _broker);
            }
        }

        public bool Publish(ReadOnlySpan<byte> payload)
        {
            if (_outbound)
            {
                return _mesh.PublishLocal(MeshTopic, payload.ToArray());
            }

            _burst.Add(payload.ToArray());
            return true;
        }

        public void Flush()
        {
            if (_outbound)
            {
                return; // the bridge's pump sends as soon as a message is queued
            }

            _sends.Clear();
            foreach (byte[] payload in _burst)
            {
                _sends.Add(_client!.PublishAsync(
                    new MqttApplicationMessageBuilder().WithTopic(MeshTopic).WithPayload(payload).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)_qos).Build(),
                    CancellationToken.None));
            }

            _burst.Clear();
            Task.WhenAll(_sends).GetAwaiter().GetResult();
        }

        public async ValueTask DisposeAsync()
        {
            if (_bridge != null)
            {
                await _bridge.DisposeAsync().ConfigureAwait(false);
            }

            if (_client != null)
            {
                if (_client.IsConnected)
                {
                    try
                    {
                        await _client.DisconnectAsync().ConfigureAwait(false);
                    }
                    catch (MQTTnet.Exceptions.MqttCommunicationException)
                    {
                    }
                }

                _client.Dispose();
            }

            try
            {
                Directory.Delete(_queueDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
