using System.IO;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    /// <summary>Helpers shared by the payload tests.</summary>
    internal static class PayloadTestSupport
    {
        /// <summary>Filler around encoded payloads, to catch writes outside the given range.</summary>
        internal const byte Sentinel = 0xA5;

        /// <summary>Where encoders write in the padded buffers, so offset arithmetic is exercised.</summary>
        internal const int Pad = 7;

        internal static byte[] FromHex(string hex)
        {
            return Hex.Parse(hex) ?? throw new ArgumentException("bad hex", nameof(hex));
        }

        internal static string ToHex(byte[] buffer, int offset, int count)
        {
            return Hex.Format(buffer, offset, count);
        }

        /// <summary>A buffer of <paramref name="size"/> + 2 × <see cref="Pad"/> sentinel bytes.</summary>
        internal static byte[] Padded(int size)
        {
            byte[] buffer = new byte[size + (2 * Pad)];
            Array.Fill(buffer, Sentinel);
            return buffer;
        }

        /// <summary>The payload bytes copied into the middle of a sentinel-padded buffer (decoded at <see cref="Pad"/>).</summary>
        internal static byte[] PaddedCopy(byte[] payload)
        {
            byte[] buffer = Padded(payload.Length);
            Array.Copy(payload, 0, buffer, Pad, payload.Length);
            return buffer;
        }

        /// <summary>True when every byte outside [Pad, Pad + written) is still the sentinel.</summary>
        internal static bool OutsideUntouched(byte[] buffer, int written)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                if ((i < Pad || i >= Pad + written) && buffer[i] != Sentinel)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The text of docs/payloads.md.</summary>
        internal static string PayloadsDocument()
        {
            return RepositoryDocs.Read("payloads.md");
        }
    }
}
