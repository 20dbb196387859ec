using System;

namespace EdgeMesh.Security
{
    /// <summary>BLAKE2b (RFC 7693) through libsodium; digests of 16 to 64 bytes, optionally keyed.</summary>
    public static class Blake2b
    {
        /// <summary>Shortest digest and key.</summary>
        public const int MinLength = Interop.Sodium.Blake2bMinBytes;

        /// <summary>Longest digest and key.</summary>
        public const int MaxLength = Interop.Sodium.Blake2bMaxBytes;

        /// <summary>Hashes <paramref name="input"/> into all of <paramref name="output"/> (16..64 bytes).</summary>
        public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
        {
            HashKeyed(ReadOnlySpan<byte>.Empty, input, output);
        }

        /// <summary>Keyed hash (a MAC) with a 16..64-byte key, or unkeyed with an empty key.</summary>
        public static unsafe void HashKeyed(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
        {
            if (output.Length < MinLength || output.Length > MaxLength || (key.Length != 0 && (key.Length < MinLength || key.Length > MaxLength)))
            {
                throw new ArgumentException("BLAKE2b digests and keys are 16 to 64 bytes");
            }

            Sodium.EnsureInitialized();
            fixed (byte* o = output)
            fixed (byte* i = input)
            fixed (byte* k = key)
            {
                if (Interop.Sodium.Blake2b(o, (nuint)output.Length, i, (ulong)input.Length, k, (nuint)key.Length) != 0)
                {
                    throw new InvalidOperationException("crypto_generichash_blake2b rejected its parameters");
                }
            }
        }
    }
}
