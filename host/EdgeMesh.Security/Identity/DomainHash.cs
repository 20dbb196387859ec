using System;

namespace EdgeMesh.Security.Identity
{
    /// <summary>BLAKE2b-256 of a domain prefix followed by a 32-byte public key (node and fleet ids).</summary>
    internal static class DomainHash
    {
        private const int MaxDomainLength = 32;

        internal static bool TryCompute(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> publicKey, Span<byte> output)
        {
            if (publicKey.Length != Ed25519KeyPair.PublicKeyLength || output.Length < 32 || domain.Length > MaxDomainLength)
            {
                return false;
            }

            Span<byte> input = stackalloc byte[MaxDomainLength + Ed25519KeyPair.PublicKeyLength];
            domain.CopyTo(input);
            publicKey.CopyTo(input.Slice(domain.Length));
            Blake2b.Hash(input.Slice(0, domain.Length + publicKey.Length), output.Slice(0, 32));
            return true;
        }
    }
}
