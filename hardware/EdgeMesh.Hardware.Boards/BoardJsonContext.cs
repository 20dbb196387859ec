using System.Text.Json.Serialization;

namespace EdgeMesh.Hardware.Boards
{
    /// <summary>Source-generated JSON metadata (NativeAOT: no reflection) for board files.</summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
    [JsonSerializable(typeof(BoardDefinition))]
    internal sealed partial class BoardJsonContext : JsonSerializerContext
    {
    }
}
