using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>Source-generated JSON for the local API (NativeAOT: no reflection).</summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(NodeStatus))]
    [JsonSerializable(typeof(List<PeerInfo>))]
    [JsonSerializable(typeof(PublishRequest))]
    [JsonSerializable(typeof(PublishResponse))]
    [JsonSerializable(typeof(MessageEvent))]
    [JsonSerializable(typeof(DmSendRequest))]
    [JsonSerializable(typeof(DmSendResponse))]
    [JsonSerializable(typeof(DmEvent))]
    [JsonSerializable(typeof(List<DmEvent>))]
    [JsonSerializable(typeof(DmConfirmRequest))]
    [JsonSerializable(typeof(DmConfirmResponse))]
    [JsonSerializable(typeof(ApiError))]
    [JsonSerializable(typeof(RevocationResponse))]
    public sealed partial class ApiJsonContext : JsonSerializerContext
    {
    }
}
