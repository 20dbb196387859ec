using System;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Messaging.Keys
{
    /// <summary>
    /// Keys of the peers admitted to the fleet (certificate checked, not revoked, not expired), read
    /// from the daemon's <see cref="PeerAdmission"/> table. A node whose certificate this node has not
    /// seen is unknown: spreading certificates through the mesh is the daemon's and gossip's job.
    /// </summary>
    public sealed class AdmissionKeyDirectory : IDmKeyDirectory
    {
        private readonly PeerAdmission _admission;

        /// <summary>Reads from <paramref name="admission"/> (not owned).</summary>
        public AdmissionKeyDirectory(PeerAdmission admission)
        {
            ArgumentNullException.ThrowIfNull(admission);
            _admission = admission;
        }

        /// <inheritdoc />
        public bool TryGetPublicKey(NodeId node, long nowMs, Span<byte> publicKey)
        {
            return _admission.Lookup(node, nowMs, out _) == PeerStatus.Admitted && _admission.TryCopyPublicKey(node, publicKey);
        }
    }
}
