using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeMesh.Bridge.Tests.Fakes
{
    /// <summary>An ordinary MQTT client on the broker side (another system, a SCADA, a cloud).</summary>
    internal sealed class TestMqttClient : IAsyncDisposable
    {
        private readonly IMqttClient _client;

        private TestMqttClient(IMqttClient client)
        {
            _client = client;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                Received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };
        }

        internal ConcurrentQueue<(string Topic, byte[] Payload)> Received { get; } = new ConcurrentQueue<(string, byte[])>();

        internal static async Task<TestMqttClient> ConnectAsync(int port, string clientId, bool v5 = true, bool cleanSession = true)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var t = new TestMqttClient(client);
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId(clientId)
                .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
                .WithCleanSession(cleanSession);
            if (v5 && !cleanSession)
            {
                options.WithSessionExpiryInterval(3600);
            }

            await ConnectWithRetryAsync(client, options.Build());
            return t;
        }

        internal async Task ReconnectAsync(int port, string clientId, bool v5, bool cleanSession)
        {
            var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
                .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311).WithCleanSession(cleanSession);
            if (v5 && !cleanSession)
            {
                options.WithSessionExpiryInterval(3600);
            }

            await ConnectWithRetryAsync(_client, options.Build());
        }

        internal bool IsConnected => _client.IsConnected;

        internal async Task SubscribeAsync(string filter, int qos)
        {
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos)).Build());
        }

        internal async Task PublishAsync(string topic, byte[] payload, int qos, string? propertyName = null, string? propertyValue = null)
        {
            var b = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos);
            if (propertyName != null)
            {
                b.WithUserProperty(propertyName, System.Text.Encoding.UTF8.GetBytes(propertyValue ?? string.Empty).AsMemory());
            }

            MqttClientPublishResult r = await _client.PublishAsync(b.Build());
            if (!r.IsSuccess)
            {
                throw new InvalidOperationException("publish refused: " + r.ReasonCode);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                try
                {
                    await _client.DisconnectAsync();
                }
                catch (MQTTnet.Exceptions.MqttCommunicationException)
                {
                }
            }

            _client.Dispose();
        }

        private static async Task ConnectWithRetryAsync(IMqttClient client, MqttClientOptions options)
        {
            for (int i = 0; ; i++)
            {
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.ConnectAsync(options, cts.Token);
                    return;
                }
                catch (Exception) when (i < 40)
                {
                    await Task.Delay(250);
                }
            }
        }
    }
}
