namespace EdgeMesh.Daemon.Api
{
    /// <summary>Answer of <c>POST /v1/dm/inbox/confirm</c>.</summary>
    public sealed class DmConfirmResponse
    {
        /// <summary>Messages confirmed and deleted now.</summary>
        public int Confirmed { get; set; }

        /// <summary>Ids that were not leased: unknown, confirmed before, or back in the inbox because their lease ran out (they will be handed out again).</summary>
        public int NotLeased { get; set; }

        /// <summary>Set on a refused request.</summary>
        public string? Error { get; set; }
    }
}
