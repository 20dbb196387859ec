using System;
using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Node.Bench.Mqtt;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// An MQTT broker between two connections of this process: one publishes at QoS 0, the other
    /// subscribes to the same topic, so every message crosses loopback TCP twice and the broker.
    /// </summary>
    internal sealed class MqttBenchLink : IBenchLink
    {
        private const string Topic = "edgemesh/bench";
        private static readonly byte[] TopicUtf8 = MqttConnection.EncodeTopic(Topic);

        private readonly EndPoint _broker;
        private MqttConnection? _publisher;
        private MqttConnection? _subscriber;

        internal MqttBenchLink(EndPoint broker, string label)
        {
            _broker = broker;
            Mode = label;
        }

        public string System => "mqtt";

        public string Mode { get; }

        public async Task StartAsync(ReceiveHandler onMessage, CancellationToken cancellationToken)
        {
            string id = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            _subscriber = await MqttConnection.ConnectAsync(_broker, "edgemesh-bench-sub-" + id, cancellationToken).ConfigureAwait(false);
            await _subscriber.SubscribeAsync(Topic, cancellationToken).ConfigureAwait(false);
            _subscriber.StartReceiving(onMessage);
            _publisher = await MqttConnection.ConnectAsync(_broker, "edgemesh-bench-pub-" + id, cancellationToken).ConfigureAwait(false);
        }

        public bool Publish(ReadOnlySpan<byte> payload)
        {
            _publisher!.Publish(TopicUtf8, payload);
            return true;
        }

        public void Flush()
        {
            _publisher!.Flush();
        }

        public ValueTask DisposeAsync()
        {
            _publisher?.Dispose();
            _subscriber?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
