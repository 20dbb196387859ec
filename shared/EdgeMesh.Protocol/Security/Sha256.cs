namespace EdgeMesh.Protocol.Security
{
    /// <summary>
    /// SHA-256 (FIPS 180-4) in portable managed code: the microcontroller build has no
    /// System.Security.Cryptography. All working memory is allocated in the constructor, so
    /// hashing allocates nothing. Not thread-safe: one instance per thread (single-threaded by contract).
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashLength = 32;

        /// <summary>Compression block length in bytes.</summary>
        public const int BlockLength = 64;

        private static readonly uint[] RoundConstants =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _block = new byte[BlockLength];
        private int _blockFill;
        private long _totalBytes;

        /// <summary>Creates a hasher ready for <see cref="Update(byte[], int, int)"/>.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>Starts a new message.</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            _blockFill = 0;
            _totalBytes = 0;
        }

        /// <summary>Absorbs <paramref name="count"/> bytes. The caller checks the range.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _totalBytes += count;
            if (_blockFill > 0)
            {
                int take = BlockLength - _blockFill;
                if (take > count)
                {
                    take = count;
                }

                System.Array.Copy(data, offset, _block, _blockFill, take);
                _blockFill += take;
                offset += take;
                count -= take;
                if (_blockFill < BlockLength)
                {
                    return;
                }

                Compress(_block, 0);
                _blockFill = 0;
            }

            // Whole blocks are compressed straight from the caller's buffer: no copy.
            while (count >= BlockLength)
            {
                Compress(data, offset);
                offset += BlockLength;
                count -= BlockLength;
            }

            if (count > 0)
            {
                System.Array.Copy(data, offset, _block, 0, count);
                _blockFill = count;
            }
        }

        /// <summary>Absorbs one byte.</summary>
        public void Update(byte value)
        {
            _totalBytes++;
            _block[_blockFill++] = value;
            if (_blockFill == BlockLength)
            {
                Compress(_block, 0);
                _blockFill = 0;
            }
        }

        /// <summary>Pads, writes the 32-byte digest at <paramref name="offset"/> and resets for the next message.</summary>
        public void Final(byte[] output, int offset)
        {
            long bitLength = _totalBytes * 8;
            _block[_blockFill++] = 0x80;
            if (_blockFill > BlockLength - 8)
            {
                ZeroBlockFrom(_blockFill);
                Compress(_block, 0);
                _blockFill = 0;
            }

            ZeroBlockFrom(_blockFill);
            for (int i = 0; i < 8; i++)
            {
                _block[BlockLength - 1 - i] = (byte)(bitLength >> (8 * i));
            }

            Compress(_block, 0);
            for (int i = 0; i < 8; i++)
            {
                uint s = _state[i];
                output[offset + (4 * i)] = (byte)(s >> 24);
                output[offset + (4 * i) + 1] = (byte)(s >> 16);
                output[offset + (4 * i) + 2] = (byte)(s >> 8);
                output[offset + (4 * i) + 3] = (byte)s;
            }

            Reset();
        }

        /// <summary>Copies the chaining state after whole blocks (HMAC keeps its padded-key states this way).</summary>
        internal void SaveState(uint[] destination)
        {
            System.Array.Copy(_state, destination, 8);
        }

        /// <summary>Resumes from a state saved by <see cref="SaveState"/> after <paramref name="absorbedBytes"/> (a multiple of 64).</summary>
        internal void RestoreState(uint[] source, long absorbedBytes)
        {
            System.Array.Copy(source, _state, 8);
            _totalBytes = absorbedBytes;
            _blockFill = 0;
        }

        /// <summary>Overwrites the chaining state and buffered bytes (key-dependent when used by HMAC).</summary>
        internal void Clear()
        {
            Reset();
            System.Array.Clear(_block, 0, BlockLength);
            System.Array.Clear(_schedule, 0, 64);
        }

        private void ZeroBlockFrom(int start)
        {
            for (int i = start; i < BlockLength; i++)
            {
                _block[i] = 0;
            }
        }

        private void Compress(byte[] data, int offset)
        {
            uint[] w = _schedule;
            for (int i = 0; i < 16; i++)
            {
                int o = offset + (4 * i);
                w[i] = ((uint)data[o] << 24) | ((uint)data[o + 1] << 16) | ((uint)data[o + 2] << 8) | data[o + 3];
            }

            for (int i = 16; i < 64; i++)
            {
                uint x = w[i - 15];
                uint y = w[i - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[i] = unchecked(w[i - 16] + s0 + w[i - 7] + s1);
            }

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            uint[] k = RoundConstants;
            for (int i = 0; i < 64; i++)
            {
                uint t1 = unchecked(h + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)))
                    + ((e & f) ^ (~e & g)) + k[i] + w[i]);
                uint t2 = unchecked((((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)))
                    + ((a & b) ^ (a & c) ^ (b & c)));
                h = g;
                g = f;
                f = e;
                e = unchecked(d + t1);
                d = c;
                c = b;
                b = a;
                a = unchecked(t1 + t2);
            }

            _state[0] = unchecked(_state[0] + a);
            _state[1] = unchecked(_state[1] + b);
            _state[2] = unchecked(_state[2] + c);
            _state[3] = unchecked(_state[3] + d);
            _state[4] = unchecked(_state[4] + e);
            _state[5] = unchecked(_state[5] + f);
            _state[6] = unchecked(_state[6] + g);
            _state[7] = unchecked(_state[7] + h);
        }
    }
}
