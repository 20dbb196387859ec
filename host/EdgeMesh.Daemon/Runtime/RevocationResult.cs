using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>What became of a revocation list handed to <see cref="MeshNode.ApplyRevocationList"/>.</summary>
    /// <param name="Error">None when the list is now in force; otherwise why it was refused.</param>
    /// <param name="Version">The version in force afterwards.</param>
    /// <param name="Revoked">Ids on the list in force afterwards.</param>
    /// <param name="PeersDropped">Peers of this node the new list removed.</param>
    /// <param name="Persisted">False when the list is in force but could not be written to the node directory.</param>
    public readonly record struct RevocationResult(AdmissionError Error, ulong Version, int Revoked, int PeersDropped, bool Persisted);
}
