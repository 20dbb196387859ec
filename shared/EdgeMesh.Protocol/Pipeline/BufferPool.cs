namespace EdgeMesh.Protocol.Pipeline
{
    /// <summary>
    /// A fixed number of equally sized byte buffers, allocated once. Renting never allocates:
    /// when every buffer is out, <see cref="Rent"/> returns null and <see cref="Exhausted"/>
    /// counts the refusal, so a burst degrades into counted drops instead of heap growth.
    /// </summary>
    /// <remarks>Not thread-safe: one pool per pipeline thread.</remarks>
    public sealed class BufferPool
    {
        private readonly byte[][] _free;
        private int _freeCount;

        /// <summary>Creates <paramref name="count"/> buffers of <paramref name="bufferSize"/> bytes each.</summary>
        public BufferPool(int count, int bufferSize)
        {
            if (count < 1 || count > 65536)
            {
                throw new System.ArgumentOutOfRangeException(nameof(count));
            }

            if (bufferSize < 1 || bufferSize > (1 << 20))
            {
                throw new System.ArgumentOutOfRangeException(nameof(bufferSize));
            }

            BufferSize = bufferSize;
            _free = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                _free[i] = new byte[bufferSize];
            }

            _freeCount = count;
        }

        /// <summary>Size of every buffer.</summary>
        public int BufferSize { get; }

        /// <summary>Buffers the pool owns.</summary>
        public int Capacity
        {
            get { return _free.Length; }
        }

        /// <summary>Buffers currently available.</summary>
        public int Available
        {
            get { return _freeCount; }
        }

        /// <summary>Rent calls refused because every buffer was out.</summary>
        public long Exhausted { get; private set; }

        /// <summary>Return calls refused (foreign buffer, or more returns than rents).</summary>
        public long RejectedReturns { get; private set; }

        /// <summary>Takes a buffer, or returns null (and counts it) when none is free.</summary>
        public byte[]? Rent()
        {
            if (_freeCount == 0)
            {
                Exhausted++;
                return null;
            }

            _freeCount--;
            byte[] buffer = _free[_freeCount];
            _free[_freeCount] = null!;
            return buffer;
        }

        /// <summary>
        /// Gives a buffer back. Buffers of the wrong size, or returns beyond capacity, are refused
        /// and counted (the pool never grows).
        /// </summary>
        public bool Return(byte[] buffer)
        {
            if (buffer == null || buffer.Length != BufferSize || _freeCount == _free.Length)
            {
                RejectedReturns++;
                return false;
            }

            _free[_freeCount++] = buffer;
            return true;
        }
    }
}
