using System;

namespace EdgeMesh.Security
{
    /// <summary>The operating system's cryptographic random generator, (getrandom on Linux, through .NET).</summary>
    public static class SecureRandom
    {
        /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
        public static void Fill(Span<byte> destination)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(destination);
        }
    }
}
