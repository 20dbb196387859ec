using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Node.Demo;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;
using EdgeMesh.Transport;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// Two EdgeMesh nodes in this process (a <see cref="LocalFleet"/> of two), each with its own UDP
    /// socket on 127.0.0.1: the first publishes on one topic, the second subscribes to it, so every
    /// message crosses loopback UDP and the whole pipeline (seal, gossip, batching, socket, verify,
    /// gossip, local delivery). Each burst of the harness is published without flushing and then
    /// flushed, so the node batches it (MeshNode.Batching.cs), as an application publishing a burst would.
    /// </summary>
    internal sealed class MeshBenchLink : IBenchLink
    {
        internal const string Topic = "bench/loopback";
        private static readonly TimeSpan JoinPatience = TimeSpan.FromSeconds(20);

        private readonly SecurityProfile _profile;
        private readonly int _datagramBytes;
        private LocalFleet? _fleet;
        private MeshNode? _publisher;
        private Subscription? _subscription;
        private Task _reader = Task.CompletedTask;

        internal MeshBenchLink(SecurityProfile profile, int datagramBytes)
        {
            _profile = profile;
            _datagramBytes = datagramBytes;
        }

        public string System => "edgemesh";

        public string Mode => _profile.ToString().ToLowerInvariant() + (_datagramBytes == UdpTransportOptions.DefaultMaxDatagramSize ? string.Empty : ", " + _datagramBytes + "-byte datagrams");

        public async Task StartAsync(ReceiveHandler onMessage, CancellationToken cancellationToken)
        {
            _fleet = LocalFleet.Create(2, _profile, config => config.MaxDatagramBytes = _datagramBytes);
            int joined = await _fleet.StartAndJoinAsync(JoinPatience, cancellationToken).ConfigureAwait(false);
            if (joined < 2)
            {
                throw new InvalidOperationException("the two bench nodes did not join each other within " + JoinPatience.TotalSeconds + " s");
            }

            _publisher = _fleet.Nodes[0];
            _subscription = _fleet.Nodes[1].Subscribe(new List<string> { Topic });
            ChannelReader<MeshMessage> reader = _subscription.Reader;
            _reader = Task.Run(async () =>
            {
                while (await reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (reader.TryRead(out MeshMessage? message))
                    {
                        onMessage(message.Payload);
                    }
                }
            }, CancellationToken.None);
        }

        public bool Publish(ReadOnlySpan<byte> payload)
        {
            return _publisher!.Publish(Topic, PayloadType.Raw, payload, Priority.Telemetry, flush: false) == PublishResult.Published;
        }

        public void Flush()
        {
            _publisher!.Flush();
        }

        public async ValueTask DisposeAsync()
        {
            _subscription?.Dispose();
            await _reader.ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("EDGEMESH_BENCH_DEBUG") != null && _fleet != null)
            {
                foreach (MeshNode node in _fleet.Nodes)
                {
                    var c = node.GetStatus().Counters;
                    Console.Error.WriteLine("node: in " + c.FramesIn + " out " + c.FramesOut + " delivered " + c.Delivered + " | " + string.Join(", ", c.Mesh.Select(kv => kv.Key + "=" + kv.Value)) + " | dropped " + string.Join(", ", c.Dropped.Select(kv => kv.Key + "=" + kv.Value)) + " | transport " + string.Join(", ", c.Transport.Select(kv => kv.Key + "=" + kv.Value)));
                }
            }
            if (_fleet != null)
            {
                await _fleet.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
