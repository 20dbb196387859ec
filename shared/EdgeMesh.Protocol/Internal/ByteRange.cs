namespace EdgeMesh.Protocol.Internal
{
    /// <summary>The one range check every codec in the core starts with.</summary>
    internal static class ByteRange
    {
        /// <summary>True when <paramref name="buffer"/> holds <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        internal static bool IsValid(byte[]? buffer, int offset, int count)
        {
            return buffer != null && offset >= 0 && count >= 0 && offset <= buffer.Length - count;
        }
    }
}
