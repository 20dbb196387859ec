using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Bridge.Mesh;
using EdgeMesh.Bridge.Topics;

namespace EdgeMesh.Bridge.Tests.Fakes
{
    /// <summary>
    /// One site's mesh in process: local nodes publish with <see cref="PublishLocal"/>; what the bridge
    /// publishes is recorded in <see cref="Imported"/> and, like a real node, handed to every matching
    /// subscription too (the bridge's own included). <see cref="Decide"/> lets a test refuse or delay.
    /// </summary>
    internal sealed class FakeMesh : IMeshPort
    {
        private readonly object _gate = new object();
        private readonly List<(string Filter, Func<MeshPublication, bool> Deliver)> _subscriptions = new List<(string, Func<MeshPublication, bool>)>();
        private readonly ConcurrentDictionary<string, int> _attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        /// <summary>Messages the mesh accepted from the bridge.</summary>
        internal ConcurrentQueue<MeshPublication> Imported { get; } = new ConcurrentQueue<MeshPublication>();

        /// <summary>Answer for the n-th attempt (1-based) at a message (by topic and payload); default accepts.</summary>
        internal Func<MeshPublication, int, MeshAcceptance>? Decide { get; set; }

        /// <summary>Whether the mesh keeps the bridged mark when it hands an import back (a real node might not).</summary>
        internal bool KeepsBridgedMark { get; set; } = true;

        internal int PublishAttempts
        {
            get
            {
                int n = 0;
                foreach (int v in _attempts.Values)
                {
                    n += v;
                }

                return n;
            }
        }

        /// <summary>A mesh node publishes; returns how many subscriptions took it.</summary>
        internal int PublishLocal(string topic, ushort payloadType, byte[] payload)
        {
            return DeliverAll(new MeshPublication(topic, payloadType, payload, "00000000000000a1", fromBridge: false));
        }

        public ValueTask<MeshAcceptance> PublishAsync(MeshPublication publication, CancellationToken cancellationToken)
        {
            string key = publication.Topic + "\n" + Convert.ToBase64String(publication.Payload.Span);
            int attempt = _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            MeshAcceptance answer = Decide?.Invoke(publication, attempt) ?? MeshAcceptance.Accepted;
            if (answer == MeshAcceptance.Accepted)
            {
                Imported.Enqueue(publication);
                DeliverAll(KeepsBridgedMark ? publication : new MeshPublication(publication.Topic, publication.PayloadType, publication.Payload, publication.Sender, fromBridge: false));
            }

            return new ValueTask<MeshAcceptance>(answer);
        }

        public IDisposable Subscribe(string meshFilter, Func<MeshPublication, bool> deliver)
        {
            var entry = (meshFilter, deliver);
            lock (_gate)
            {
                _subscriptions.Add(entry);
            }

            return new Unsubscriber(() =>
            {
                lock (_gate)
                {
                    _subscriptions.Remove(entry);
                }
            });
        }

        private int DeliverAll(MeshPublication publication)
        {
            List<(string Filter, Func<MeshPublication, bool> Deliver)> subs;
            lock (_gate)
            {
                subs = new List<(string, Func<MeshPublication, bool>)>(_subscriptions);
            }

            int taken = 0;
            foreach ((string filter, Func<MeshPublication, bool> deliver) in subs)
            {
                if (TopicFilter.Matches(filter, publication.Topic) && deliver(publication))
                {
                    taken++;
                }
            }

            return taken;
        }

        private sealed class Unsubscriber : IDisposable
        {
            private Action? _action;

            internal Unsubscriber(Action action)
            {
                _action = action;
            }

            public void Dispose()
            {
                Interlocked.Exchange(ref _action, null)?.Invoke();
            }
        }
    }
}
