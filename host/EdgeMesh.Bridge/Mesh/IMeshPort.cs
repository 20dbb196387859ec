using System;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Bridge.Mesh
{
    /// <summary>
    /// The bridge's only view of the mesh. The daemon implements it over its node (docs/mqtt.md §6);
    /// tests implement it in process. Both calls carry an acknowledgement, which is what lets the
    /// bridge promise "PUBACK only after the mesh accepted" inbound and "kept until the broker
    /// acknowledged" outbound.
    /// </summary>
    public interface IMeshPort
    {
        /// <summary>
        /// Publishes a message that came from the broker into the mesh, signed by this node and marked
        /// as bridged (<see cref="MeshPublication.FromBridge"/>). The task completes once the mesh took
        /// the message (or refused it); only then does the bridge acknowledge it to the broker.
        /// Throwing or returning <see cref="MeshAcceptance.Unavailable"/> leaves the broker's message
        /// unacknowledged, so the broker delivers it again.
        /// </summary>
        ValueTask<MeshAcceptance> PublishAsync(MeshPublication publication, CancellationToken cancellationToken);

        /// <summary>
        /// Delivers every mesh message whose topic matches <paramref name="meshFilter"/> (MQTT filter
        /// syntax) to <paramref name="deliver"/>, including this node's own publications. The callback
        /// returns true once the bridge has taken charge of the message (for QoS 1: it is in the
        /// persisted queue) and false when it refused it (queue full, not bridged). Dispose the result
        /// to stop.
        /// </summary>
        IDisposable Subscribe(string meshFilter, Func<MeshPublication, bool> deliver);
    }
}
