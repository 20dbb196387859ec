using System.Collections.Generic;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>Body of <c>POST /v1/dm/inbox/confirm</c>: the request ids of leased messages the reader has handled.</summary>
    public sealed class DmConfirmRequest
    {
        /// <summary>Request ids as <c>GET /v1/dm/inbox</c> gave them (at most 1,024).</summary>
        public List<string>? RequestIds { get; set; }
    }
}
