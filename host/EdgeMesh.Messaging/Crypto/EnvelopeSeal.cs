using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Security;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Messaging.Crypto
{
    /// <summary>
    /// Builds and opens envelopes (docs/direct-messages.md §4): the body is sealed with HPKE base mode
    /// to the recipient's X25519 key with the clear-text header as associated data, then the sender
    /// signs header ‖ ciphertext with its Ed25519 identity key. Thread-safe (no state).
    /// </summary>
    internal static class EnvelopeSeal
    {
        /// <summary>Layout version of the sealed body (byte 0 of the plaintext).</summary>
        internal const byte BodyVersion = 1;

        /// <summary>HPKE info: binds every key derived here to this protocol and version.</summary>
        internal static ReadOnlySpan<byte> Info => "edgemesh/dm/v1"u8;

        /// <summary>Seals and signs with a fresh ephemeral key. False when the recipient key is unusable.</summary>
        internal static bool TryCreate(NodeKeyPair sender, ReadOnlySpan<byte> recipientX25519, in EnvelopeHeader header, ushort contentType, ReadOnlySpan<byte> payload, out byte[] envelope)
        {
            using X25519KeyPair ephemeral = X25519KeyPair.Generate();
            return TryCreate(sender, ephemeral, recipientX25519, header, contentType, payload, out envelope);
        }

        /// <summary>As above with a given ephemeral key (tests reproduce fixed envelopes with it).</summary>
        internal static bool TryCreate(NodeKeyPair sender, X25519KeyPair ephemeral, ReadOnlySpan<byte> recipientX25519, in EnvelopeHeader header, ushort contentType, ReadOnlySpan<byte> payload, out byte[] envelope)
        {
            int bodyLength = EnvelopeHeader.BodyHeaderLength + payload.Length;
            if (header.Sender != sender.Id || header.CiphertextLength != bodyLength + EnvelopeHeader.TagLength)
            {
                throw new ArgumentException("the header must name this sender and the ciphertext length of this payload", nameof(header));
            }

            envelope = new byte[header.EnvelopeLength];
            Span<byte> span = envelope;
            header.Write(span, ephemeral.PublicKey);
            byte[] body = ArrayPool<byte>.Shared.Rent(bodyLength);
            try
            {
                body[0] = BodyVersion;
                BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(1), contentType);
                payload.CopyTo(body.AsSpan(EnvelopeHeader.BodyHeaderLength));
                if (!Hpke.TrySeal(ephemeral, recipientX25519, Info, span.Slice(0, EnvelopeHeader.Length), body.AsSpan(0, bodyLength), span.Slice(EnvelopeHeader.Length, header.CiphertextLength)))
                {
                    envelope = Array.Empty<byte>();
                    return false;
                }
            }
            finally
            {
                // The plaintext never outlives the call in a shared buffer.
                CryptographicOperations.ZeroMemory(body.AsSpan(0, bodyLength));
                ArrayPool<byte>.Shared.Return(body);
            }

            int signed = envelope.Length - EnvelopeHeader.SignatureLength;
            sender.Keys.Sign(span.Slice(0, signed), span.Slice(signed));
            return true;
        }

        /// <summary>True when the sender's signature over header ‖ ciphertext verifies under <paramref name="senderPublicKey"/>.</summary>
        internal static bool VerifySignature(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> senderPublicKey)
        {
            int signed = envelope.Length - EnvelopeHeader.SignatureLength;
            return signed > 0 && Ed25519KeyPair.Verify(senderPublicKey, envelope.Slice(0, signed), envelope.Slice(signed));
        }

        /// <summary>
        /// Decrypts the body of a parsed envelope. <see cref="DmRefusal.Undecryptable"/> when the AEAD
        /// refuses it, <see cref="DmRefusal.UnsupportedVersion"/> for an unknown body layout.
        /// </summary>
        internal static DmRefusal TryOpen(X25519KeyPair recipient, ReadOnlySpan<byte> envelope, in EnvelopeHeader header, out ushort contentType, out ReadOnlyMemory<byte> payload)
        {
            contentType = 0;
            payload = ReadOnlyMemory<byte>.Empty;
            byte[] body = new byte[header.CiphertextLength - EnvelopeHeader.TagLength];
            bool opened = Hpke.TryOpen(
                recipient,
                envelope.Slice(EnvelopeHeader.OffsetEnc, EnvelopeHeader.EncLength),
                Info,
                envelope.Slice(0, EnvelopeHeader.Length),
                envelope.Slice(EnvelopeHeader.Length, header.CiphertextLength),
                body);
            if (!opened)
            {
                return DmRefusal.Undecryptable;
            }

            if (body[0] != BodyVersion)
            {
                return DmRefusal.UnsupportedVersion;
            }

            contentType = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(1));
            payload = new ReadOnlyMemory<byte>(body, EnvelopeHeader.BodyHeaderLength, body.Length - EnvelopeHeader.BodyHeaderLength);
            return DmRefusal.None;
        }
    }
}
