namespace EdgeMesh.Protocol.Security
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104 / RFC 4231) over <see cref="Sha256"/>. The hash states after the
    /// padded inner and outer keys are computed once per key, so each message costs only its own
    /// blocks plus one outer block, and nothing is allocated per message.
    /// Usage per message: <see cref="Begin"/>, <see cref="Update(byte[], int, int)"/>..., <see cref="Finish"/>.
    /// Not thread-safe (single-threaded by contract).
    /// </summary>
    public sealed class HmacSha256
    {
        /// <summary>Full MAC length in bytes.</summary>
        public const int MacLength = Sha256.HashLength;

        private readonly Sha256 _sha = new Sha256();
        private readonly uint[] _innerState = new uint[8];
        private readonly uint[] _outerState = new uint[8];
        private readonly byte[] _pad = new byte[Sha256.BlockLength];
        private readonly byte[] _innerHash = new byte[Sha256.HashLength];

        /// <summary>Creates an instance keyed with <paramref name="count"/> bytes of <paramref name="key"/>.</summary>
        public HmacSha256(byte[] key, int offset, int count)
        {
            SetKey(key, offset, count);
        }

        /// <summary>Replaces the key. Keys longer than 64 bytes are hashed first, as RFC 2104 requires.</summary>
        public void SetKey(byte[] key, int offset, int count)
        {
            if (key == null || offset < 0 || count < 0 || offset > key.Length - count)
            {
                throw new System.ArgumentException("key range is outside the array");
            }

            System.Array.Clear(_pad, 0, _pad.Length);
            if (count > Sha256.BlockLength)
            {
                _sha.Reset();
                _sha.Update(key, offset, count);
                _sha.Final(_pad, 0);
            }
            else
            {
                System.Array.Copy(key, offset, _pad, 0, count);
            }

            AbsorbPad(0x36, _innerState);
            AbsorbPad(0x36 ^ 0x5c, _outerState); // the pad already holds key ^ 0x36
            System.Array.Clear(_pad, 0, _pad.Length);
            _sha.Clear();
        }

        /// <summary>Starts a message.</summary>
        public void Begin()
        {
            _sha.RestoreState(_innerState, Sha256.BlockLength);
        }

        /// <summary>Absorbs message bytes.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _sha.Update(data, offset, count);
        }

        /// <summary>Absorbs one message byte.</summary>
        public void Update(byte value)
        {
            _sha.Update(value);
        }

        /// <summary>Writes the first <paramref name="length"/> (1..32) MAC bytes at <paramref name="offset"/>.</summary>
        public void Finish(byte[] output, int offset, int length)
        {
            _sha.Final(_innerHash, 0);
            _sha.RestoreState(_outerState, Sha256.BlockLength);
            _sha.Update(_innerHash, 0, Sha256.HashLength);
            _sha.Final(_innerHash, 0);
            System.Array.Copy(_innerHash, 0, output, offset, length);
            System.Array.Clear(_innerHash, 0, Sha256.HashLength);
        }

        /// <summary>One-shot MAC of a range; writes all 32 bytes at <paramref name="outputOffset"/>.</summary>
        public void Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Begin();
            Update(data, offset, count);
            Finish(output, outputOffset, MacLength);
        }

        /// <summary>Overwrites the key-derived states (call when the key is retired).</summary>
        public void Clear()
        {
            System.Array.Clear(_innerState, 0, 8);
            System.Array.Clear(_outerState, 0, 8);
            _sha.Clear();
        }

        private void AbsorbPad(int xor, uint[] savedState)
        {
            for (int i = 0; i < _pad.Length; i++)
            {
                _pad[i] = (byte)(_pad[i] ^ xor);
            }

            _sha.Reset();
            _sha.Update(_pad, 0, Sha256.BlockLength);
            _sha.SaveState(savedState);
        }
    }
}
