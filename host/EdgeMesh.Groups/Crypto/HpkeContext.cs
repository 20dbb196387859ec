using System;
using System.Security.Cryptography;

namespace EdgeMesh.Groups.Crypto
{
    /// <summary>An HPKE encryption context: key, base nonce, sequence number and exporter secret (zeroed on dispose).</summary>
    internal sealed class HpkeContext : IDisposable
    {
        private readonly byte[] _key;
        private readonly byte[] _baseNonce;
        private readonly byte[] _exporterSecret;
        private ulong _sequence;

        public HpkeContext(byte[] key, byte[] baseNonce, byte[] exporterSecret)
        {
            _key = key;
            _baseNonce = baseNonce;
            _exporterSecret = exporterSecret;
        }

        internal ReadOnlySpan<byte> Key => _key;

        internal ReadOnlySpan<byte> BaseNonce => _baseNonce;

        internal ReadOnlySpan<byte> ExporterSecret => _exporterSecret;

        public ulong Sequence
        {
            get => _sequence;
            set => _sequence = value;
        }

        private void ComputeNonce(Span<byte> nonce)
        {
            _baseNonce.CopyTo(nonce);
            for (int i = 0; i < 8; i++)
            {
                nonce[Suite.Nn - 1 - i] ^= (byte)(_sequence >> (8 * i));
            }
        }

        public byte[] Seal(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext)
        {
            Span<byte> nonce = stackalloc byte[Suite.Nn];
            ComputeNonce(nonce);
            byte[] result = Suite.AeadSeal(_key, nonce, aad, plaintext);
            _sequence++;
            return result;
        }

        public MlsError Open(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
        {
            Span<byte> nonce = stackalloc byte[Suite.Nn];
            ComputeNonce(nonce);
            MlsError error = Suite.AeadOpen(_key, nonce, aad, ciphertext, out plaintext);
            if (error == MlsError.None)
            {
                _sequence++;
            }

            return error;
        }

        public byte[] Export(ReadOnlySpan<byte> exporterContext, int length) => Hpke.ExportFrom(_exporterSecret, exporterContext, length);

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(_key);
            CryptographicOperations.ZeroMemory(_baseNonce);
            CryptographicOperations.ZeroMemory(_exporterSecret);
        }
    }
}
