using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// The range, version and length checks every codec starts with, in the order that
    /// docs/payloads.md §1.3 fixes, so all payload types report the same error for the same fault.
    /// </summary>
    internal static class PayloadChecks
    {
        // Exponent bits of an IEEE 754 binary32.
        private const uint ExponentMask = 0x7F800000;

        /// <summary>Checks an encoder's destination range and that <paramref name="needed"/> bytes fit in it.</summary>
        internal static FrameError Destination(byte[]? destination, int offset, int count, int needed)
        {
            if (!ByteRange.IsValid(destination, offset, count))
            {
                return FrameError.InvalidArgument;
            }

            if (needed > WireFormat.MaxPayloadLength)
            {
                // A frame could not carry it (docs/wire-format.md §2.11).
                return FrameError.FieldOutOfRange;
            }

            return needed > count ? FrameError.BufferTooSmall : FrameError.None;
        }

        /// <summary>
        /// Checks the source range, the version byte and that at least <paramref name="minLength"/>
        /// bytes are present (docs/payloads.md §1.3 steps 1-4).
        /// </summary>
        internal static FrameError Header(byte[]? source, int offset, int count, int minLength)
        {
            if (!ByteRange.IsValid(source, offset, count))
            {
                return FrameError.InvalidArgument;
            }

            if (count < 1)
            {
                return FrameError.Truncated;
            }

            // The version is judged before the length: another version may have another length.
            if (source![offset + PayloadLayout.VersionOffset] != PayloadLayout.Version)
            {
                return FrameError.UnsupportedPayloadVersion;
            }

            return count < minLength ? FrameError.Truncated : FrameError.None;
        }

        /// <summary>As <see cref="Header"/> for a fixed-size layout: trailing bytes are <see cref="FrameError.LengthMismatch"/> (§1.3 step 5).</summary>
        internal static FrameError Fixed(byte[]? source, int offset, int count, int length)
        {
            FrameError error = Header(source, offset, count, length);
            if (error == FrameError.None && count != length)
            {
                return FrameError.LengthMismatch;
            }

            return error;
        }

        /// <summary>True for a finite float: not NaN, not ±infinity (docs/payloads.md §4.1).</summary>
        internal static unsafe bool IsFinite(float value)
        {
            return IsFiniteBits(*(uint*)&value);
        }

        /// <summary>True when the binary32 bit pattern is finite: its exponent bits are not all ones.</summary>
        internal static bool IsFiniteBits(uint bits)
        {
            return (bits & ExponentMask) != ExponentMask;
        }
    }
}
