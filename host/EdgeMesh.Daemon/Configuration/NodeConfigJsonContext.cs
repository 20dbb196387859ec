using System.Text.Json.Serialization;

namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>Source-generated (reflection-free, NativeAOT-safe) JSON for <see cref="NodeConfig"/>.</summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        WriteIndented = true,
        ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
    [JsonSerializable(typeof(NodeConfig))]
    internal sealed partial class NodeConfigJsonContext : JsonSerializerContext
    {
    }
}
