using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    internal static partial class Interop
    {
        /// <summary>libsodium AEADs: ChaCha20-Poly1305 (IETF, RFC 8439) and XChaCha20-Poly1305 (24-byte nonce).</summary>
        internal static unsafe partial class Sodium
        {
            internal const int AeadKeyBytes = 32;
            internal const int AeadTagBytes = 16;
            internal const int ChaChaNonceBytes = 12;
            internal const int XChaChaNonceBytes = 24;

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_aead_chacha20poly1305_ietf_encrypt_detached")]
            internal static partial int ChaChaEncrypt(byte* ciphertext, byte* tag, ulong* tagLength, byte* message, ulong messageLength, byte* associatedData, ulong associatedDataLength, byte* secretNonce, byte* nonce, SecureMemoryHandle key);

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_aead_chacha20poly1305_ietf_decrypt_detached")]
            internal static partial int ChaChaDecrypt(byte* message, byte* secretNonce, byte* ciphertext, ulong ciphertextLength, byte* tag, byte* associatedData, ulong associatedDataLength, byte* nonce, SecureMemoryHandle key);

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_aead_xchacha20poly1305_ietf_encrypt_detached")]
            internal static partial int XChaChaEncrypt(byte* ciphertext, byte* tag, ulong* tagLength, byte* message, ulong messageLength, byte* associatedData, ulong associatedDataLength, byte* secretNonce, byte* nonce, SecureMemoryHandle key);

            [LibraryImport(Libraries.Sodium, EntryPoint = "crypto_aead_xchacha20poly1305_ietf_decrypt_detached")]
            internal static partial int XChaChaDecrypt(byte* message, byte* secretNonce, byte* ciphertext, ulong ciphertextLength, byte* tag, byte* associatedData, ulong associatedDataLength, byte* nonce, SecureMemoryHandle key);
        }
    }
}
