using System;

namespace EdgeMesh.Security
{
    /// <summary>The operating system's cryptographic random generator, through libsodium.</summary>
    public static class SecureRandom
    {
        /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
        public static unsafe void Fill(Span<byte> destination)
        {
            Sodium.EnsureInitialized();
            fixed (byte* p = destination)
            {
                Interop.Sodium.RandomBytes(p, (nuint)destination.Length);
            }
        }
    }
}
