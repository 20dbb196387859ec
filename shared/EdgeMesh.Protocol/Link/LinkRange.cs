using EdgeMesh.Protocol.Internal;
namespace EdgeMesh.Protocol.Link
{
    /// <summary>Argument checks shared by the link types (buffer ranges come from local callers).</summary>
    internal static class LinkRange
    {
        /// <summary>True when both a source and a destination range are valid (codec arguments).</summary>
        internal static bool AreValid(byte[]? source, int sourceOffset, int sourceCount, byte[]? destination, int destinationOffset, int destinationCount)
        {
            return ByteRange.IsValid(source, sourceOffset, sourceCount) && ByteRange.IsValid(destination, destinationOffset, destinationCount);
        }

        /// <summary>Throws for a range that does not fit the buffer: a programming error of the local caller.</summary>
        internal static void Check(byte[]? buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException(nameof(buffer));
            }

            if (!ByteRange.IsValid(buffer, offset, count))
            {
                throw new System.ArgumentOutOfRangeException(nameof(count));
            }
        }
    }
}
