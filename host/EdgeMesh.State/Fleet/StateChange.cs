namespace EdgeMesh.State.Fleet
{
    /// <summary>A key whose entries changed (for <c>edgemesh state watch</c> and server-sent events).</summary>
    public readonly struct StateChange
    {
        /// <summary>Creates a change.</summary>
        public StateChange(string key, ulong author, bool removed, bool local)
        {
            Key = key;
            Author = author;
            Removed = removed;
            Local = local;
        }

        /// <summary>The key.</summary>
        public string Key { get; }

        /// <summary>Who wrote the new entry.</summary>
        public ulong Author { get; }

        /// <summary>The new entry is a removal.</summary>
        public bool Removed { get; }

        /// <summary>Written by this node.</summary>
        public bool Local { get; }
    }
}
