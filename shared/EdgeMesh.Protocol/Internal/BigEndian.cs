namespace EdgeMesh.Protocol.Internal
{
    /// <summary>
    /// Big-endian (network order) reads and writes on byte arrays. The portable core cannot use
    /// <c>BinaryPrimitives</c> (it works on spans, which nanoFramework lacks), so it shifts by hand.
    /// Callers check bounds before calling; these helpers do not.
    /// </summary>
    internal static class BigEndian
    {
        internal static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        internal static int ReadUInt16(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        internal static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        internal static uint ReadUInt32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24)
                | ((uint)buffer[offset + 1] << 16)
                | ((uint)buffer[offset + 2] << 8)
                | buffer[offset + 3];
        }

        /// <summary>Writes the low 48 bits of <paramref name="value"/>.</summary>
        internal static void WriteUInt48(byte[] buffer, int offset, ulong value)
        {
            WriteUInt16(buffer, offset, (int)(value >> 32) & 0xFFFF);
            WriteUInt32(buffer, offset + 2, (uint)value);
        }

        internal static ulong ReadUInt48(byte[] buffer, int offset)
        {
            return ((ulong)(uint)ReadUInt16(buffer, offset) << 32) | ReadUInt32(buffer, offset + 2);
        }

        internal static void WriteUInt64(byte[] buffer, int offset, ulong value)
        {
            WriteUInt32(buffer, offset, (uint)(value >> 32));
            WriteUInt32(buffer, offset + 4, (uint)value);
        }

        internal static ulong ReadUInt64(byte[] buffer, int offset)
        {
            return ((ulong)ReadUInt32(buffer, offset) << 32) | ReadUInt32(buffer, offset + 4);
        }

        internal static unsafe void WriteSingle(byte[] buffer, int offset, float value)
        {
            WriteUInt32(buffer, offset, *(uint*)&value);
        }

        internal static unsafe float ReadSingle(byte[] buffer, int offset)
        {
            uint bits = ReadUInt32(buffer, offset);
            return *(float*)&bits;
        }
    }
}
