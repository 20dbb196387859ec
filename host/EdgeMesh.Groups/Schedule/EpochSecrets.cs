using System;
using System.Security.Cryptography;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Schedule
{
    /// <summary>
    /// One epoch of the key schedule (RFC 9420 §8): every secret derived from the epoch secret.
    /// All of them are zeroed on dispose; the group disposes an epoch once it has moved past it.
    /// </summary>
    internal sealed class EpochSecrets : IDisposable
    {
        private EpochSecrets()
        {
        }

        public byte[] JoinerSecret { get; private set; } = Array.Empty<byte>();

        public byte[] WelcomeSecret { get; private set; } = Array.Empty<byte>();

        public byte[] EpochSecret { get; private set; } = Array.Empty<byte>();

        public byte[] SenderDataSecret { get; private set; } = Array.Empty<byte>();

        public byte[] EncryptionSecret { get; private set; } = Array.Empty<byte>();

        public byte[] ExporterSecret { get; private set; } = Array.Empty<byte>();

        public byte[] ExternalSecret { get; private set; } = Array.Empty<byte>();

        public byte[] ConfirmationKey { get; private set; } = Array.Empty<byte>();

        public byte[] MembershipKey { get; private set; } = Array.Empty<byte>();

        public byte[] ResumptionPsk { get; private set; } = Array.Empty<byte>();

        public byte[] EpochAuthenticator { get; private set; } = Array.Empty<byte>();

        public byte[] InitSecret { get; private set; } = Array.Empty<byte>();

        /// <summary>joiner_secret = ExpandWithLabel(Extract(init_secret, commit_secret), "joiner", GroupContext).</summary>
        public static byte[] DeriveJoiner(ReadOnlySpan<byte> initSecret, ReadOnlySpan<byte> commitSecret, ReadOnlySpan<byte> groupContext)
        {
            byte[] prk = Suite.Extract(initSecret, commitSecret);
            byte[] joiner = Suite.ExpandWithLabel(prk, "joiner", groupContext, Suite.Nh);
            CryptographicOperations.ZeroMemory(prk);
            return joiner;
        }

        /// <summary>welcome_secret from the joiner secret and PSK secret (what a Welcome is sealed with).</summary>
        public static byte[] DeriveWelcome(ReadOnlySpan<byte> joinerSecret, ReadOnlySpan<byte> pskSecret)
        {
            byte[] member = Suite.Extract(joinerSecret, pskSecret);
            byte[] welcome = Suite.DeriveSecret(member, "welcome");
            CryptographicOperations.ZeroMemory(member);
            return welcome;
        }

        public static EpochSecrets FromJoiner(byte[] joinerSecret, ReadOnlySpan<byte> pskSecret, ReadOnlySpan<byte> groupContext)
        {
            byte[] member = Suite.Extract(joinerSecret, pskSecret);
            EpochSecrets e = new EpochSecrets
            {
                JoinerSecret = joinerSecret,
                WelcomeSecret = Suite.DeriveSecret(member, "welcome"),
                EpochSecret = Suite.ExpandWithLabel(member, "epoch", groupContext, Suite.Nh),
            };
            CryptographicOperations.ZeroMemory(member);
            e.SenderDataSecret = Suite.DeriveSecret(e.EpochSecret, "sender data");
            e.EncryptionSecret = Suite.DeriveSecret(e.EpochSecret, "encryption");
            e.ExporterSecret = Suite.DeriveSecret(e.EpochSecret, "exporter");
            e.ExternalSecret = Suite.DeriveSecret(e.EpochSecret, "external");
            e.ConfirmationKey = Suite.DeriveSecret(e.EpochSecret, "confirm");
            e.MembershipKey = Suite.DeriveSecret(e.EpochSecret, "membership");
            e.ResumptionPsk = Suite.DeriveSecret(e.EpochSecret, "resumption");
            e.EpochAuthenticator = Suite.DeriveSecret(e.EpochSecret, "authentication");
            e.InitSecret = Suite.DeriveSecret(e.EpochSecret, "init");
            return e;
        }

        public static EpochSecrets Next(ReadOnlySpan<byte> initSecret, ReadOnlySpan<byte> commitSecret, ReadOnlySpan<byte> pskSecret, ReadOnlySpan<byte> groupContext)
            => FromJoiner(DeriveJoiner(initSecret, commitSecret, groupContext), pskSecret, groupContext);

        /// <summary>MLS-Exporter(label, context, length).</summary>
        public byte[] Export(string label, ReadOnlySpan<byte> context, int length)
        {
            byte[] derived = Suite.DeriveSecret(ExporterSecret, label);
            byte[] result = Suite.ExpandWithLabel(derived, "exported", Suite.Hash(context), length);
            CryptographicOperations.ZeroMemory(derived);
            return result;
        }

        /// <summary>The external public key: HPKE DeriveKeyPair(external_secret).</summary>
        public byte[] ExternalPublicKey()
        {
            byte[] priv = Hpke.DeriveKeyPair(ExternalSecret, out byte[] pub);
            CryptographicOperations.ZeroMemory(priv);
            return pub;
        }

        public byte[] ExternalPrivateKey() => Hpke.DeriveKeyPair(ExternalSecret, out _);

        public void Dispose()
        {
            foreach (byte[] s in new[] { JoinerSecret, WelcomeSecret, EpochSecret, SenderDataSecret, EncryptionSecret, ExporterSecret, ExternalSecret, ConfirmationKey, MembershipKey, ResumptionPsk, InitSecret })
            {
                CryptographicOperations.ZeroMemory(s);
            }
        }
    }
}
