namespace EdgeMesh.State.Fleet
{
    /// <summary>The outcome of a local write.</summary>
    public enum PutResult : byte
    {
        /// <summary>Written, stored and queued for the neighbours.</summary>
        Accepted = 0,

        /// <summary>This node's roles may not write the key.</summary>
        RoleNotAllowed = 1,

        /// <summary>No policy rule covers the key.</summary>
        KeyNotAllowed = 2,

        /// <summary>The key or value exceeds its bound.</summary>
        TooLarge = 3,

        /// <summary>The key already has as many authors as an entry can replace.</summary>
        TooManyAuthors = 4,

        /// <summary>The write could not be appended to this node's store: it is in memory and queued for the neighbours, but a crash before the next successful compaction loses it here (counted in <see cref="FleetStateReplica.StoreFailures"/>).</summary>
        StoreFailed = 5,
    }
}
