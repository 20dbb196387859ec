using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using EdgeMesh.Daemon.Api;

namespace EdgeMesh.Daemon.Observability
{
    /// <summary>
    /// The node's counters as System.Diagnostics.Metrics instruments (meter <see cref="MeterName"/>),
    /// observed from a status snapshot taken once per collection (<see cref="Refresh"/>), so any
    /// metrics listener (the built-in Prometheus endpoint, dotnet-counters, OpenTelemetry) sees them.
    /// </summary>
    public sealed class NodeMetrics : IDisposable
    {
        /// <summary>Name of the meter.</summary>
        public const string MeterName = "EdgeMesh.Node";

        private readonly Func<NodeStatus> _snapshot;
        private readonly Meter _meter;
        private NodeStatus _current;

        /// <summary>Creates the instruments over <paramref name="snapshot"/>.</summary>
        public NodeMetrics(Func<NodeStatus> snapshot)
        {
            _snapshot = snapshot;
            _current = snapshot();
            _meter = new Meter(MeterName);
            _meter.CreateObservableCounter("edgemesh_frames_in_total", () => _current.Counters.FramesIn, description: "Frames decoded from the network.");
            _meter.CreateObservableCounter("edgemesh_frames_out_total", () => _current.Counters.FramesOut, description: "Frames sent.");
            _meter.CreateObservableCounter("edgemesh_delivered_total", () => _current.Counters.Delivered, description: "Messages handed to local subscribers.");
            _meter.CreateObservableCounter("edgemesh_dropped_total", () => Tagged(_current.Counters.Dropped, "reason"), description: "Frames or messages dropped (duplicates, no route, full queues), by reason.");
            _meter.CreateObservableCounter("edgemesh_rejected_total", () => Tagged(_current.Counters.Rejected, "reason"), description: "Input refused (undecodable, unauthenticated, outsiders), by reason.");
            _meter.CreateObservableCounter("edgemesh_transport_total", () => Tagged(_current.Counters.Transport, "counter"), description: "Socket-level counters.");
            _meter.CreateObservableCounter("edgemesh_mesh_total", () => Tagged(_current.Counters.Mesh, "counter"), description: "Membership and broadcast protocol counters.");
            _meter.CreateObservableCounter("edgemesh_dm_total", () => Tagged(_current.Counters.Direct, "counter"), description: "Direct-message counters (sent, delivered, retries, refusals by reason, outbox).");
            _meter.CreateObservableGauge("edgemesh_peers", PeersByState, description: "Authenticated peers by state.");
            _meter.CreateObservableGauge("edgemesh_uptime_seconds", () => _current.UptimeSeconds, description: "Seconds since the node started.");
            // Memory: tells a managed-heap leak from native growth when RSS creeps (tests/soak-daemon.sh).
            _meter.CreateObservableGauge("edgemesh_gc_heap_bytes", () => GC.GetGCMemoryInfo().HeapSizeBytes, description: "Managed heap size after the last garbage collection.");
            _meter.CreateObservableGauge("edgemesh_process_resident_bytes", () => Environment.WorkingSet, description: "Resident memory of the process.");
        }

        /// <summary>Takes a new snapshot; call before each collection.</summary>
        public void Refresh()
        {
            _current = _snapshot();
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _meter.Dispose();
        }

        private static IEnumerable<Measurement<long>> Tagged(Dictionary<string, long> values, string tag)
        {
            foreach (KeyValuePair<string, long> pair in values)
            {
                yield return new Measurement<long>(pair.Value, new KeyValuePair<string, object?>(tag, pair.Key));
            }
        }

        private IEnumerable<Measurement<long>> PeersByState()
        {
            var counts = new Dictionary<string, long>();
            foreach (PeerInfo peer in _current.Peers)
            {
                counts.TryGetValue(peer.State, out long n);
                counts[peer.State] = n + 1;
            }

            return Tagged(counts, "state");
        }
    }
}
