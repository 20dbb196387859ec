namespace EdgeMesh.Daemon.Api
{
    /// <summary>Body of every local API error that has no richer answer of its own (docs/api.md).</summary>
    public sealed class ApiError
    {
        /// <summary>What went wrong, in one sentence for a person.</summary>
        public string Error { get; set; } = string.Empty;

        /// <summary>Specifics: the field, the limit, where the parser stopped; null when there are none.</summary>
        public string? Detail { get; set; }
    }
}
