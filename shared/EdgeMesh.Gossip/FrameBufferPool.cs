using System;

namespace EdgeMesh.Gossip
{
    /// <summary>
    /// A bounded stack of equally sized frame buffers. Nodes rent one per outgoing frame; the driver
    /// returns it once the frame has left (or been dropped). Renting from an empty pool allocates;
    /// returning to a full pool lets the buffer go; both are counted. Single-threaded: give each
    /// driver thread its own pool.
    /// </summary>
    public sealed class FrameBufferPool
    {
        private readonly byte[][] stack;
        private int count;

        /// <summary>Creates a pool of <paramref name="bufferSize"/>-byte buffers keeping at most <paramref name="capacity"/>.</summary>
        public FrameBufferPool(int bufferSize, int capacity)
        {
            if (bufferSize < 64)
            {
                throw new ArgumentOutOfRangeException(nameof(bufferSize));
            }

            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            BufferSize = bufferSize;
            stack = new byte[capacity][];
        }

        /// <summary>Size of every buffer.</summary>
        public int BufferSize { get; }

        /// <summary>Buffers allocated because the pool was empty.</summary>
        public long Allocations { get; private set; }

        /// <summary>Returned buffers let go because the pool was full.</summary>
        public long Discards { get; private set; }

        /// <summary>Buffers currently kept.</summary>
        public int Available
        {
            get { return count; }
        }

        /// <summary>A buffer of <see cref="BufferSize"/> bytes (contents unspecified).</summary>
        public byte[] Rent()
        {
            if (count > 0)
            {
                byte[] buffer = stack[--count];
                stack[count] = null!;
                return buffer;
            }

            Allocations++;
            return new byte[BufferSize];
        }

        /// <summary>Gives a buffer back; buffers of another size are ignored.</summary>
        public void Return(byte[] buffer)
        {
            if (buffer == null || buffer.Length != BufferSize)
            {
                return;
            }

            if (count == stack.Length)
            {
                Discards++;
                return;
            }

            stack[count++] = buffer;
        }
    }
}
