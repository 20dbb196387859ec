namespace EdgeMesh.Security.Frames
{
    /// <summary>How a node authenticates frames (docs/identity.md §5).</summary>
    public enum SecurityProfile : byte
    {
        /// <summary>Every frame signed with Ed25519 by its originator; only admitted fleet members are heard.</summary>
        Production = 0,

        /// <summary>Microcontroller segments: a 16-byte truncated HMAC-SHA256 with the segment key.</summary>
        Lightweight = 1,

        /// <summary>No authentication at all. Must be allowed explicitly and logs <see cref="SecurityProfiles.DevelopmentWarning"/>.</summary>
        Development = 2,
    }
}
