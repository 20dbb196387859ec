using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using EdgeMesh.Bridge.Mesh;
using EdgeMesh.Daemon.Runtime;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// The bridge's seam implemented over a running <see cref="MeshNode"/> (docs/mqtt.md §11): what
    /// the bridge brings in is published by this node, and the bridge's out rules read the node's
    /// subscriptions. The node subscribes to exact topic names, so out rules used here need patterns
    /// without wildcards. The bridged mark does not travel in the mesh yet; the bridge's own import
    /// fingerprints keep this node from re-exporting what it imported.
    /// </summary>
    internal sealed class MeshNodePort : IMeshPort
    {
        private readonly MeshNode _node;

        internal MeshNodePort(MeshNode node)
        {
            _node = node;
        }

        public ValueTask<MeshAcceptance> PublishAsync(MeshPublication publication, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(publication);
            MeshAcceptance answer = _node.Publish(publication.Topic, publication.PayloadType, publication.Payload.Span) switch
            {
                PublishResult.Published => MeshAcceptance.Accepted,
                PublishResult.NoMeshProtocol => MeshAcceptance.Unavailable,
                _ => MeshAcceptance.Refused,
            };
            return new ValueTask<MeshAcceptance>(answer);
        }

        public IDisposable Subscribe(string meshFilter, Func<MeshPublication, bool> deliver)
        {
            ArgumentNullException.ThrowIfNull(meshFilter);
            ArgumentNullException.ThrowIfNull(deliver);
            if (meshFilter.Contains('+', StringComparison.Ordinal) || meshFilter.Contains('#', StringComparison.Ordinal))
            {
                throw new NotSupportedException("the node subscribes to exact topic names; '" + meshFilter + "' has a wildcard");
            }

            Subscription subscription = _node.Subscribe(new List<string> { meshFilter });
            ChannelReader<MeshMessage> reader = subscription.Reader;
            Task pump = Task.Run(async () =>
            {
                while (await reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (reader.TryRead(out MeshMessage? m))
                    {
                        deliver(new MeshPublication(m.Topic, m.PayloadType, m.Payload, m.Sender, fromBridge: false));
                    }
                }
            });
            return new Handle(subscription, pump);
        }

        private sealed class Handle : IDisposable
        {
            private readonly Subscription _subscription;
            private readonly Task _pump;

            internal Handle(Subscription subscription, Task pump)
            {
                _subscription = subscription;
                _pump = pump;
            }

            public void Dispose()
            {
                _subscription.Dispose(); // completes the reader, which ends the pump
                _pump.Wait(TimeSpan.FromSeconds(5));
            }
        }
    }
}
