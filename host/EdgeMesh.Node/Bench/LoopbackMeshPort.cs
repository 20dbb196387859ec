using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Bridge.Mesh;
using EdgeMesh.Bridge.Topics;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// The mesh side of the bridge benchmark, in process: what the harness publishes goes straight to
    /// the bridge's subscriptions, and what the bridge publishes goes straight to the harness. So the
    /// bridge bench measures the bridge and the broker, not the mesh (that is `bench loopback`).
    /// </summary>
    internal sealed class LoopbackMeshPort : IMeshPort
    {
        private readonly object _gate = new object();
        private readonly List<(string Filter, Func<MeshPublication, bool> Deliver)> _subscriptions = new List<(string, Func<MeshPublication, bool>)>();

        /// <summary>Receives what the bridge publishes into the mesh.</summary>
        internal ReceiveHandler? OnImported { get; set; }

        /// <summary>A mesh node publishes: true if a bridge rule took it.</summary>
        internal bool PublishLocal(string topic, ReadOnlyMemory<byte> payload)
        {
            var publication = new MeshPublication(topic, 0, payload, null, fromBridge: false);
            (string Filter, Func<MeshPublication, bool> Deliver)[] subscriptions;
            lock (_gate)
            {
                subscriptions = _subscriptions.ToArray();
            }

            bool taken = false;
            foreach ((string filter, Func<MeshPublication, bool> deliver) in subscriptions)
            {
                if (TopicFilter.Matches(filter, topic))
                {
                    taken |= deliver(publication);
                }
            }

            return taken;
        }

        public ValueTask<MeshAcceptance> PublishAsync(MeshPublication publication, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(publication);
            OnImported?.Invoke(publication.Payload.Span);
            return new ValueTask<MeshAcceptance>(MeshAcceptance.Accepted);
        }

        public IDisposable Subscribe(string meshFilter, Func<MeshPublication, bool> deliver)
        {
            var entry = (meshFilter, deliver);
            lock (_gate)
            {
                _subscriptions.Add(entry);
            }

            return new Subscription(this, entry);
        }

        private sealed class Subscription : IDisposable
        {
            private readonly LoopbackMeshPort _port;
            private readonly (string, Func<MeshPublication, bool>) _entry;

            internal Subscription(LoopbackMeshPort port, (string, Func<MeshPublication, bool>) entry)
            {
                _port = port;
                _entry = entry;
            }

            public void Dispose()
            {
                lock (_port._gate)
                {
                    _port._subscriptions.Remove(_entry);
                }
            }
        }
    }
}
