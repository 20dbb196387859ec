namespace EdgeMesh.Daemon.Api
{
    /// <summary>Answer of <c>POST /v1/publish</c>.</summary>
    public sealed class PublishResponse
    {
        /// <summary>True when the message was handed to the mesh.</summary>
        public bool Published { get; set; }

        /// <summary>Published, NoMeshProtocol, TooLarge, Refused, BadTopic or BadRequest.</summary>
        public string Result { get; set; } = string.Empty;

        /// <summary>A sentence for a person when not published.</summary>
        public string? Error { get; set; }

        /// <summary>Specifics when not published (the sizes for TooLarge); null otherwise.</summary>
        public string? Detail { get; set; }
    }
}
