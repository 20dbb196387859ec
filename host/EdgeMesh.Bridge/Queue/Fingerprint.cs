using System;
using System.Text;

namespace EdgeMesh.Bridge.Queue
{
    /// <summary>
    /// A message's identity for loop and echo checks: FNV-1a 64 over the topic, a zero byte and the
    /// payload. Not a security check (anyone can produce a collision); it only has to tell the
    /// bridge's own copies apart from other traffic, and a collision costs one suppressed duplicate.
    /// </summary>
    internal static class Fingerprint
    {
        private const ulong Offset = 14695981039346656037UL;
        private const ulong Prime = 1099511628211UL;

        internal static ulong Of(string topic, ReadOnlySpan<byte> payload)
        {
            ulong h = Offset;
            Span<byte> chunk = stackalloc byte[128];
            int i = 0;
            while (i < topic.Length)
            {
                int take = Math.Min(32, topic.Length - i); // 32 chars encode to at most 96 bytes
                int n = Encoding.UTF8.GetBytes(topic.AsSpan(i, take), chunk);
                h = Mix(h, chunk.Slice(0, n));
                i += take;
            }

            h = (h ^ 0) * Prime;
            return Mix(h, payload);
        }

        private static ulong Mix(ulong h, ReadOnlySpan<byte> data)
        {
            foreach (byte b in data)
            {
                h = (h ^ b) * Prime;
            }

            return h;
        }
    }
}
