using System;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Keys
{
    /// <summary>
    /// Where direct messages find other nodes' Ed25519 identity keys: to verify a sender's envelope
    /// and acknowledgement signatures, and (converted to X25519) to encrypt to a recipient. The daemon
    /// answers from the fleet's admitted peers (<see cref="AdmissionKeyDirectory"/>); tests and the
    /// simulator use <see cref="DmKeyDirectory"/>. Called from the messenger's single owner only.
    /// </summary>
    public interface IDmKeyDirectory
    {
        /// <summary>
        /// Copies the 32-byte Ed25519 public key of <paramref name="node"/> into
        /// <paramref name="publicKey"/>; false when the node is unknown or no longer trusted at
        /// <paramref name="nowMs"/>.
        /// </summary>
        bool TryGetPublicKey(NodeId node, long nowMs, Span<byte> publicKey);
    }
}
