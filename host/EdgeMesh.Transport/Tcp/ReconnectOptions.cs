namespace EdgeMesh.Transport
{
    /// <summary>Settings of a <see cref="ReconnectPolicy"/>.</summary>
    public sealed class ReconnectOptions
    {
        /// <summary>Delay after the first failure (default 250 ms).</summary>
        public long InitialDelayMs { get; set; } = 250;

        /// <summary>The delay never exceeds this, jitter included (default 30 s).</summary>
        public long MaxDelayMs { get; set; } = 30_000;

        /// <summary>Each delay is randomly shortened or lengthened by up to this fraction (default 0.2), so nodes restarted together do not retry in lockstep.</summary>
        public double JitterFraction { get; set; } = 0.2;

        /// <summary>A connection that lasted this long resets the backoff (default 10 s); shorter ones keep it growing, so a flapping peer is not hammered.</summary>
        public long StableAfterMs { get; set; } = 10_000;
    }
}
