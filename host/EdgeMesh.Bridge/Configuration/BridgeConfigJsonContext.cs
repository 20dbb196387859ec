using System.Text.Json.Serialization;

namespace EdgeMesh.Bridge.Configuration
{
    /// <summary>Source-generated JSON for the bridge section (NativeAOT); unknown fields are refused so typos do not pass.</summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true)]
    [JsonSerializable(typeof(BridgeConfig))]
    public sealed partial class BridgeConfigJsonContext : JsonSerializerContext
    {
    }
}
