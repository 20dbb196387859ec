namespace EdgeMesh.Security
{
    /// <summary>The authenticated ciphers <see cref="AeadKey"/> offers.</summary>
    public enum AeadAlgorithm : byte
    {
        /// <summary>ChaCha20-Poly1305, IETF variant (RFC 8439): 12-byte nonce, so nonces must be counters.</summary>
        ChaCha20Poly1305 = 1,

        /// <summary>XChaCha20-Poly1305: 24-byte nonce, safe to choose at random.</summary>
        XChaCha20Poly1305 = 2,
    }
}
