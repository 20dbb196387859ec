using System;

namespace EdgeMesh.Bridge.Mesh
{
    /// <summary>A message crossing the seam between the bridge and the mesh.</summary>
    public sealed class MeshPublication
    {
        /// <summary>Creates a publication.</summary>
        public MeshPublication(string topic, ushort payloadType, ReadOnlyMemory<byte> payload, string? sender, bool fromBridge)
        {
            ArgumentNullException.ThrowIfNull(topic);
            Topic = topic;
            PayloadType = payloadType;
            Payload = payload;
            Sender = sender;
            FromBridge = fromBridge;
        }

        /// <summary>Mesh topic name.</summary>
        public string Topic { get; }

        /// <summary>Payload type (docs/payloads.md).</summary>
        public ushort PayloadType { get; }

        /// <summary>The payload bytes.</summary>
        public ReadOnlyMemory<byte> Payload { get; }

        /// <summary>Originating node id (16 hex digits) when the mesh knows it.</summary>
        public string? Sender { get; }

        /// <summary>
        /// True when the message entered the mesh through a bridge. Such messages are never carried
        /// back out, which is what stops two sites on one broker from ping-ponging.
        /// </summary>
        public bool FromBridge { get; }
    }
}
