namespace EdgeMesh.Gossip
{
    /// <summary>
    /// The only source of randomness the gossip state machines use. Drivers inject a seeded
    /// implementation (<see cref="SeededRandom"/>) so that a run can be replayed exactly.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Next 64 uniformly distributed bits.</summary>
        ulong NextUInt64();

        /// <summary>A value in [0, <paramref name="maxExclusive"/>); 0 when <paramref name="maxExclusive"/> is 0 or less.</summary>
        int Next(int maxExclusive);

        /// <summary>A value in [0, 1).</summary>
        double NextDouble();
    }
}
