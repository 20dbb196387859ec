using System;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Identity
{
    /// <summary>
    /// Node ids derived from Ed25519 public keys (docs/identity.md §1). The full id is
    /// BLAKE2b-256("edgemesh/node-id/v1" ‖ public key); the wire <see cref="NodeId"/> is its first
    /// 8 bytes read big-endian. Text forms: short = 16 hex digits (the wire id, used in logs and
    /// the CLI), full = 64 hex digits.
    /// </summary>
    public static class NodeIds
    {
        /// <summary>Length of the full id in bytes.</summary>
        public const int FullIdLength = 32;

        /// <summary>Characters of the short text form.</summary>
        public const int ShortTextLength = 16;

        /// <summary>Characters of the full text form.</summary>
        public const int FullTextLength = 64;

        /// <summary>The domain-separation prefix hashed before the public key (ASCII, 19 bytes).</summary>
        internal static ReadOnlySpan<byte> Domain => "edgemesh/node-id/v1"u8;

        /// <summary>
        /// The wire id of <paramref name="publicKey"/>; <see cref="NodeId.IsEmpty"/> for a key that is
        /// not 32 bytes or whose id would be all zero (such keys are never used: keygen draws again).
        /// </summary>
        public static NodeId Derive(ReadOnlySpan<byte> publicKey)
        {
            Span<byte> full = stackalloc byte[FullIdLength];
            return TryDeriveFull(publicKey, full) ? new NodeId(ReadWireId(full)) : default;
        }

        /// <summary>Writes the 32-byte full id; false when the key is not 32 bytes or the output is too short.</summary>
        public static bool TryDeriveFull(ReadOnlySpan<byte> publicKey, Span<byte> fullId)
        {
            return DomainHash.TryCompute(Domain, publicKey, fullId);
        }

        /// <summary>The short text form: 16 lower-case hex digits.</summary>
        public static string FormatShort(NodeId id)
        {
            return id.ToString();
        }

        /// <summary>The full text form: 64 lower-case hex digits of the full id.</summary>
        public static string FormatFull(ReadOnlySpan<byte> fullId)
        {
            return Convert.ToHexStringLower(fullId);
        }

        /// <summary>
        /// Parses a short (16 hex digits) or full (64 hex digits) form into the wire id. False for
        /// anything else, including the all-zero id.
        /// </summary>
        public static bool TryParse(string? text, out NodeId id)
        {
            id = default;
            if (text == null)
            {
                return false;
            }

            text = text.Trim();
            if (text.Length != ShortTextLength && text.Length != FullTextLength)
            {
                return false;
            }

            ulong value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int digit = HexDigit(text[i]);
                if (digit < 0)
                {
                    return false;
                }

                if (i < ShortTextLength)
                {
                    value = (value << 4) | (uint)digit;
                }
            }

            id = new NodeId(value);
            return value != 0;
        }

        internal static ulong ReadWireId(ReadOnlySpan<byte> fullId)
        {
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(fullId);
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            c = (char)(c | 0x20);
            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }
    }
}
