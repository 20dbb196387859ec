namespace EdgeMesh.State.Sync
{
    /// <summary>
    /// Checks a received delta or state before it is merged and returns what may be merged (a
    /// part of it, the whole, or null for nothing), e.g. the entries whose signatures verify.
    /// </summary>
    /// <typeparam name="T">The CRDT.</typeparam>
    public delegate T? DeltaAdmission<T>(ulong peer, T received, long nowMs)
        where T : class;
}
