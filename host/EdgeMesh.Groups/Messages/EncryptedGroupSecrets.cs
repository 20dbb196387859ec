using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>GroupSecrets sealed to one KeyPackage (named by its reference).</summary>
    internal sealed class EncryptedGroupSecrets
    {
        public EncryptedGroupSecrets(byte[] newMember, HpkeCiphertext encrypted)
        {
            NewMember = newMember;
            Encrypted = encrypted;
        }

        public byte[] NewMember { get; }

        public HpkeCiphertext Encrypted { get; }
    }
}
