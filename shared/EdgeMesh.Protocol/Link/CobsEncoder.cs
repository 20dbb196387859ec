namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// Incremental COBS encoder writing into a buffer the caller has sized with
    /// <see cref="CobsCodec.MaxEncodedLength"/> (no bounds checks here). Fed in pieces, so a frame
    /// and its CRC can be encoded without first copying them together. A mutable struct: keep it
    /// in a local and call its methods on that local.
    /// </summary>
    internal struct CobsEncoder
    {
        private byte[] _destination;
        private int _codeIndex;
        private int _write;
        private int _code;

        /// <summary>Starts an encoding at <paramref name="offset"/>.</summary>
        internal void Begin(byte[] destination, int offset)
        {
            _destination = destination;
            _codeIndex = offset;
            _write = offset + 1;
            _code = 1;
        }

        /// <summary>Encodes one byte.</summary>
        internal void Put(byte value)
        {
            if (_code == 0xFF)
            {
                // A full block closes only when more data follows, so 254 non-zero bytes
                // at the end need no extra code byte.
                _destination[_codeIndex] = 0xFF;
                _codeIndex = _write++;
                _code = 1;
            }

            if (value == 0)
            {
                _destination[_codeIndex] = (byte)_code;
                _codeIndex = _write++;
                _code = 1;
            }
            else
            {
                _destination[_write++] = value;
                _code++;
            }
        }

        /// <summary>Encodes a range of bytes.</summary>
        internal void Put(byte[] source, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                Put(source[i]);
            }
        }

        /// <summary>Closes the last block; returns the index just past the encoding.</summary>
        internal int End()
        {
            _destination[_codeIndex] = (byte)_code;
            return _write;
        }
    }
}
