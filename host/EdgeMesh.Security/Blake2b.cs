using System;
using NsecBlake2b = NSec.Cryptography.Blake2b;

namespace EdgeMesh.Security
{
    /// <summary>Unkeyed BLAKE2b (RFC 7693) digests of 16, or 32 to 64, bytes.</summary>
    public static class Blake2b
    {
        /// <summary>The short digest length (the outbox checksum).</summary>
        public const int ShortLength = 16;

        /// <summary>Shortest digest NSec computes.</summary>
        public const int MinLength = 32;

        /// <summary>Longest digest.</summary>
        public const int MaxLength = 64;

        private static readonly NsecBlake2b Blake2b256 = new NsecBlake2b(32);

        /// <summary>Hashes <paramref name="input"/> into all of <paramref name="output"/> (16 or 32..64 bytes).</summary>
        public static unsafe void Hash(ReadOnlySpan<byte> input, Span<byte> output)
        {
            if (output.Length == ShortLength)
            {
                // NSec starts at 32 bytes; the 16-byte form is the second of the two direct libsodium calls.
                Sodium.EnsureInitialized();
                fixed (byte* o = output)
                fixed (byte* i = input)
                {
                    if (Interop.Sodium.Blake2b(o, ShortLength, i, (ulong)input.Length, null, 0) != 0)
                    {
                        throw new InvalidOperationException("crypto_generichash_blake2b rejected its parameters");
                    }
                }

                return;
            }

            if (output.Length < MinLength || output.Length > MaxLength)
            {
                throw new ArgumentException("BLAKE2b digests here are 16 or 32 to 64 bytes", nameof(output));
            }

            Sodium.EnsureInitialized();
            NsecBlake2b algorithm = output.Length == 32 ? Blake2b256 : new NsecBlake2b(output.Length);
            algorithm.Hash(input, output);
        }
    }
}
