using System;
using System.Buffers.Binary;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Wire
{
    /// <summary>
    /// Constants and field helpers shared by the direct-message layouts (docs/direct-messages.md §3).
    /// Every layout starts with a 4-byte ASCII magic and a version byte, so the signed documents
    /// cannot be mistaken for each other, for frames (byte 0 = 0x01) or for fleet documents.
    /// </summary>
    internal static class DmWire
    {
        /// <summary>Layout version of every direct-message structure in this document.</summary>
        internal const byte Version = 1;

        /// <summary>"EMDM": a sealed, signed envelope.</summary>
        internal const uint EnvelopeMagic = 0x454D444D;

        /// <summary>"EMDF": one fragment of an envelope (the unit carried in a frame).</summary>
        internal const uint FragmentMagic = 0x454D4446;

        /// <summary>"EMDA": a signed acknowledgement (accept or reject).</summary>
        internal const uint AckMagic = 0x454D4441;

        /// <summary>"EMDO": an outbox file.</summary>
        internal const uint OutboxMagic = 0x454D444F;

        /// <summary>Length of magic + version, which open every layout.</summary>
        internal const int PreambleLength = 5;

        internal static void WritePreamble(Span<byte> destination, uint magic)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, magic);
            destination[4] = Version;
        }

        /// <summary>Checks that <paramref name="source"/> has at least <paramref name="minLength"/> bytes, the magic and version 1.</summary>
        internal static DmRefusal CheckPreamble(ReadOnlySpan<byte> source, uint magic, int minLength)
        {
            if (source.Length < Math.Max(minLength, PreambleLength) || BinaryPrimitives.ReadUInt32BigEndian(source) != magic)
            {
                return DmRefusal.Malformed;
            }

            return source[4] == Version ? DmRefusal.None : DmRefusal.UnsupportedVersion;
        }

        internal static NodeId ReadNodeId(ReadOnlySpan<byte> source)
        {
            return new NodeId(BinaryPrimitives.ReadUInt64BigEndian(source));
        }

        internal static void WriteNodeId(Span<byte> destination, NodeId id)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, id.Value);
        }

        /// <summary>True when the 4-byte magic at the start is <paramref name="magic"/>.</summary>
        internal static bool HasMagic(ReadOnlySpan<byte> source, uint magic)
        {
            return source.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(source) == magic;
        }
    }
}
