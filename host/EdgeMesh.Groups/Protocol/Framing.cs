using System;
using System.Security.Cryptography;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Schedule;

namespace EdgeMesh.Groups.Protocol
{
    /// <summary>
    /// Protecting and unprotecting framed content (RFC 9420 §6): signatures and membership tags for
    /// PublicMessage, sender-data and content encryption with the secret tree for PrivateMessage.
    /// </summary>
    internal static class Framing
    {
        /// <summary>Upper bound on a PrivateMessage's padding, so a sender cannot make us scan megabytes of zeros for nothing.</summary>
        public const int MaxPadding = 1 << 16;

        public static byte[] Sign(ReadOnlySpan<byte> signaturePrivate, ushort wireFormat, FramedContent content, byte[]? groupContext)
            => Suite.SignWithLabel(signaturePrivate, "FramedContentTBS", AuthenticatedContent.ToBeSigned(wireFormat, content, groupContext));

        public static byte[] Sign(NSec.Cryptography.Key signingKey, ushort wireFormat, FramedContent content, byte[]? groupContext)
            => Suite.SignWithLabel(signingKey, "FramedContentTBS", AuthenticatedContent.ToBeSigned(wireFormat, content, groupContext));

        /// <summary>Builds a PublicMessage; application data may not travel in the clear.</summary>
        public static MlsError ProtectPublic(FramedContent content, ReadOnlySpan<byte> signaturePrivate, byte[] groupContext, byte[] membershipKey, byte[]? confirmationTag, out PublicMessage message)
        {
            message = new PublicMessage { Content = content };
            if (content.ContentType == ContentType.Application)
            {
                return MlsError.InvalidValue;
            }

            message.Auth = new FramedContentAuthData
            {
                Signature = Sign(signaturePrivate, WireFormat.PublicMessage, content, groupContext),
                ConfirmationTag = confirmationTag ?? Array.Empty<byte>(),
            };
            if (content.Sender.Type == Sender.Member)
            {
                message.MembershipTag = Suite.Mac(membershipKey, message.ToBeMaced(groupContext));
            }

            return MlsError.None;
        }

        /// <summary>Checks the membership tag (member senders) and the signature of a PublicMessage.</summary>
        public static MlsError VerifyPublic(PublicMessage message, byte[] groupContext, byte[] membershipKey, byte[] signatureKey)
        {
            if (message.Content.ContentType == ContentType.Application)
            {
                return MlsError.InvalidValue;
            }

            if (message.Content.Sender.Type == Sender.Member && !Suite.VerifyMac(membershipKey, message.ToBeMaced(groupContext), message.MembershipTag))
            {
                return MlsError.BadMac;
            }

            return message.ToAuthenticated().VerifySignature(signatureKey, groupContext) ? MlsError.None : MlsError.BadSignature;
        }

        private static void SenderDataKeys(ReadOnlySpan<byte> senderDataSecret, ReadOnlySpan<byte> ciphertext, out byte[] key, out byte[] nonce)
        {
            ReadOnlySpan<byte> sample = ciphertext.Slice(0, Math.Min(ciphertext.Length, Suite.Nh));
            key = Suite.ExpandWithLabel(senderDataSecret, "key", sample, Suite.Nk);
            nonce = Suite.ExpandWithLabel(senderDataSecret, "nonce", sample, Suite.Nn);
        }

        internal static byte[] SenderDataKey(ReadOnlySpan<byte> senderDataSecret, ReadOnlySpan<byte> ciphertext)
        {
            SenderDataKeys(senderDataSecret, ciphertext, out byte[] key, out _);
            return key;
        }

        internal static byte[] SenderDataNonce(ReadOnlySpan<byte> senderDataSecret, ReadOnlySpan<byte> ciphertext)
        {
            SenderDataKeys(senderDataSecret, ciphertext, out _, out byte[] nonce);
            return nonce;
        }

        /// <summary>Encrypts a member's content into a PrivateMessage.</summary>
        public static PrivateMessage Encrypt(FramedContent content, FramedContentAuthData auth, SecretTree secrets, ReadOnlySpan<byte> senderDataSecret, int padding)
        {
            PrivateMessage m = new PrivateMessage
            {
                GroupId = content.GroupId,
                Epoch = content.Epoch,
                ContentType = content.ContentType,
                AuthenticatedData = content.AuthenticatedData,
            };
            uint leaf = content.Sender.Index;
            uint generation = secrets.Next(leaf, content.ContentType != ContentType.Application, out byte[] key, out byte[] nonce);
            Span<byte> guard = stackalloc byte[4];
            RandomNumberGenerator.Fill(guard);
            for (int i = 0; i < 4; i++)
            {
                nonce[i] ^= guard[i];
            }

            TlsWriter plain = new TlsWriter(256);
            content.WriteBody(plain);
            auth.Write(plain, content.ContentType);
            plain.Fixed(new byte[padding]);
            m.Ciphertext = Suite.AeadSeal(key, nonce, m.ContentAad(), plain.Written);
            plain.Clear();
            CryptographicOperations.ZeroMemory(key);

            TlsWriter senderData = new TlsWriter(12);
            senderData.U32(leaf);
            senderData.U32(generation);
            senderData.Fixed(guard);
            SenderDataKeys(senderDataSecret, m.Ciphertext, out byte[] sdKey, out byte[] sdNonce);
            m.EncryptedSenderData = Suite.AeadSeal(sdKey, sdNonce, m.SenderDataAad(), senderData.Written);
            CryptographicOperations.ZeroMemory(sdKey);
            return m;
        }

        /// <summary>Decrypts a PrivateMessage into AuthenticatedContent (the signature is checked by the caller).</summary>
        public static MlsError Decrypt(PrivateMessage m, SecretTree secrets, ReadOnlySpan<byte> senderDataSecret, out AuthenticatedContent content)
        {
            content = new AuthenticatedContent(WireFormat.PrivateMessage, new FramedContent(), new FramedContentAuthData());
            SenderDataKeys(senderDataSecret, m.Ciphertext, out byte[] sdKey, out byte[] sdNonce);
            MlsError error = Suite.AeadOpen(sdKey, sdNonce, m.SenderDataAad(), m.EncryptedSenderData, out byte[] senderData);
            CryptographicOperations.ZeroMemory(sdKey);
            if (error != MlsError.None)
            {
                return error;
            }

            TlsReader sr = new TlsReader(senderData);
            uint leaf = sr.U32();
            uint generation = sr.U32();
            ReadOnlySpan<byte> guard = sr.Fixed(4);
            sr.ExpectEnd();
            if (!sr.Ok)
            {
                return sr.Error;
            }

            error = secrets.Take(leaf, m.ContentType != ContentType.Application, generation, out byte[] key, out byte[] nonce);
            if (error != MlsError.None)
            {
                return error;
            }

            for (int i = 0; i < 4; i++)
            {
                nonce[i] ^= guard[i];
            }

            error = Suite.AeadOpen(key, nonce, m.ContentAad(), m.Ciphertext, out byte[] plain);
            CryptographicOperations.ZeroMemory(key);
            if (error != MlsError.None)
            {
                return error;
            }

            FramedContent framed = new FramedContent
            {
                GroupId = m.GroupId,
                Epoch = m.Epoch,
                Sender = new Sender(Sender.Member, leaf),
                AuthenticatedData = m.AuthenticatedData,
                ContentType = m.ContentType,
            };
            TlsReader r = new TlsReader(plain);
            FramedContent.ReadBody(ref r, framed);
            FramedContentAuthData auth = FramedContentAuthData.Read(ref r, m.ContentType);
            if (!r.Ok)
            {
                return r.Error;
            }

            ReadOnlySpan<byte> padding = r.Fixed(r.Remaining);
            if (padding.Length > MaxPadding || padding.IndexOfAnyExcept((byte)0) >= 0)
            {
                return MlsError.InvalidValue;
            }

            content = new AuthenticatedContent(WireFormat.PrivateMessage, framed, auth);
            return MlsError.None;
        }
    }
}
