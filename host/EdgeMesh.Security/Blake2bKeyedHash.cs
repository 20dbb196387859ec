using System;
using NSec.Cryptography;
using NsecKey = NSec.Cryptography.Key;

namespace EdgeMesh.Security
{
    /// <summary>
    /// Keyed BLAKE2b (a MAC, RFC 7693 §2.5) with a fixed key and output length, imported once so that
    /// hashing on a hot path allocates nothing. The key is zeroed when disposed. Thread-safe.
    /// </summary>
    public sealed class Blake2bKeyedHash : IDisposable
    {
        private readonly Blake2bMac _algorithm;
        private readonly NsecKey _key;

        /// <summary>Imports <paramref name="key"/> (16..64 bytes) for <paramref name="outputLength"/>-byte outputs (16..64).</summary>
        public Blake2bKeyedHash(ReadOnlySpan<byte> key, int outputLength)
        {
            if (key.Length < Blake2bMac.MinKeySize || key.Length > Blake2bMac.MaxKeySize || outputLength < Blake2bMac.MinMacSize || outputLength > Blake2bMac.MaxMacSize)
            {
                throw new ArgumentException("keyed BLAKE2b takes 16..64-byte keys and outputs");
            }

            Sodium.EnsureInitialized();
            OutputLength = outputLength;
            _algorithm = new Blake2bMac(key.Length, outputLength);
            _key = NsecKey.Import(_algorithm, key, KeyBlobFormat.RawSymmetricKey);
        }

        /// <summary>Output length in bytes.</summary>
        public int OutputLength { get; }

        /// <summary>Writes the keyed hash of <paramref name="input"/> into the first <see cref="OutputLength"/> bytes of <paramref name="output"/>.</summary>
        public void Hash(ReadOnlySpan<byte> input, Span<byte> output)
        {
            _algorithm.Mac(_key, input, output.Slice(0, OutputLength));
        }

        /// <summary>Zeroes and frees the key.</summary>
        public void Dispose()
        {
            _key.Dispose();
        }
    }
}
