using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// An MQTT broker between two MQTTnet clients of this process: one publishes, the other subscribes
    /// to the same topic, so every message crosses loopback TCP twice and the broker. With two broker
    /// addresses the subscriber sits on the second broker and the messages cross whatever joins the
    /// two (Mosquitto's own bridge in tests/EdgeMesh.Bridge.Tests/bench-bridge.sh).
    /// </summary>
    internal sealed class MqttBenchLink : IBenchLink
    {
        internal const string Topic = "edgemesh/bench";

        private readonly EndPoint _publishBroker;
        private readonly EndPoint _subscribeBroker;
        private readonly MqttQualityOfServiceLevel _qos;
        private readonly MqttProtocolVersion _version;
        private readonly List<byte[]> _burst = new List<byte[]>(ClosedLoopRun.MaxBurst);
        private readonly List<Task<MqttClientPublishResult>> _sends = new List<Task<MqttClientPublishResult>>(ClosedLoopRun.MaxBurst);
        private IMqttClient? _publisher;
        private IMqttClient? _subscriber;

        internal MqttBenchLink(EndPoint broker, string label, int qos = 0, bool v5 = false, EndPoint? subscribeBroker = null)
        {
            _publishBroker = broker;
            _subscribeBroker = subscribeBroker ?? broker;
            _qos = qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce;
            _version = v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311;
            Mode = label + ", MQTTnet, MQTT " + (v5 ? "5" : "3.1.1") + ", QoS " + qos.ToString(CultureInfo.InvariantCulture);
        }

        public string System => "mqtt";

        public string Mode { get; }

        public async Task StartAsync(ReceiveHandler onMessage, CancellationToken cancellationToken)
        {
            string id = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            var factory = new MqttClientFactory();
            _subscriber = factory.CreateMqttClient();
            _subscriber.ApplicationMessageReceivedAsync += e =>
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
            await _subscriber.ConnectAsync(Options(_subscribeBroker, "edgemesh-bench-sub-" + id), cancellationToken).ConfigureAwait(false);
            await _subscriber.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(Topic).WithQualityOfServiceLevel(_qos)).Build(),
                cancellationToken).ConfigureAwait(false);
            _publisher = factory.CreateMqttClient();
            await _publisher.ConnectAsync(Options(_publishBroker, "edgemesh-bench-pub-" + id), cancellationToken).ConfigureAwait(false);
            await Task.Delay(200, cancellationToken).ConfigureAwait(false); // a bridged subscription needs a moment to reach the first broker
        }

        public bool Publish(ReadOnlySpan<byte> payload)
        {
            _burst.Add(payload.ToArray());
            return true;
        }

        /// <summary>Hands the burst to MQTTnet at once and waits for it to be written (QoS 0) or acknowledged (QoS 1).</summary>
        public void Flush()
        {
            _sends.Clear();
            foreach (byte[] payload in _burst)
            {
                _sends.Add(_publisher!.PublishAsync(
                    new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(payload).WithQualityOfServiceLevel(_qos).Build(),
                    CancellationToken.None));
            }

            _burst.Clear();
            Task.WhenAll(_sends).GetAwaiter().GetResult();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (IMqttClient? client in new[] { _publisher, _subscriber })
            {
                if (client == null)
                {
                    continue;
                }

                if (client.IsConnected)
                {
                    try
                    {
                        await client.DisconnectAsync().ConfigureAwait(false);
                    }
                    catch (MQTTnet.Exceptions.MqttCommunicationException)
                    {
                    }
                }

                client.Dispose();
            }
        }

        private MqttClientOptions Options(EndPoint broker, string clientId)
        {
            var ip = (IPEndPoint)broker;
            return new MqttClientOptionsBuilder()
                .WithTcpServer(ip.Address.ToString(), ip.Port)
                .WithClientId(clientId)
                .WithProtocolVersion(_version)
                .WithCleanSession(true)
                .Build();
        }
    }
}
