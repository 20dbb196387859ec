using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;

namespace EdgeMesh.Groups
{
    /// <summary>
    /// One MLS client (a node): its signature key, basic credential, the KeyPackages it handed out
    /// (bounded: <see cref="MaxKeyPackages"/>, oldest dropped and counted) and its external PSKs.
    /// Sans-IO: the daemon moves the bytes; nothing here reads a clock or opens a socket.
    /// </summary>
    public sealed class MlsClient : IDisposable
    {
        public const int MaxKeyPackages = 32;

        private readonly byte[] _signaturePrivate;
        private readonly LinkedList<KeyPackageBundle> _keyPackages = new LinkedList<KeyPackageBundle>();
        private readonly PskStore _psks = new PskStore();

        private MlsClient(byte[] identity, byte[] signaturePrivate)
        {
            Identity = identity;
            _signaturePrivate = signaturePrivate;
            SignaturePublicKey = Suite.SignaturePublicKey(signaturePrivate);
        }

        public byte[] Identity { get; }

        public byte[] SignaturePublicKey { get; }

        /// <summary>KeyPackages forgotten because too many were outstanding.</summary>
        public long DroppedKeyPackages { get; private set; }

        public static MlsClient Create(byte[] identity) => new MlsClient((byte[])identity.Clone(), KeyPackageBundle.NewSignatureKey());

        /// <summary>A client whose signature key is an existing Ed25519 seed (for example the node's identity key).</summary>
        public static MlsClient FromSignatureSeed(byte[] identity, ReadOnlySpan<byte> seed)
        {
            if (seed.Length != 32)
            {
                throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
            }

            return new MlsClient((byte[])identity.Clone(), seed.ToArray());
        }

        public bool AddExternalPsk(ReadOnlySpan<byte> id, ReadOnlySpan<byte> psk) => _psks.Add(id, psk);

        /// <summary>A fresh KeyPackage (an MLSMessage) valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (Unix seconds).</summary>
        public byte[] NewKeyPackage(ulong notBefore, ulong notAfter)
        {
            KeyPackageBundle bundle = KeyPackageBundle.Create(Credential.BasicOf(Identity), _signaturePrivate, notBefore, notAfter);
            _keyPackages.AddLast(bundle);
            if (_keyPackages.Count > MaxKeyPackages)
            {
                _keyPackages.First!.Value.Dispose();
                _keyPackages.RemoveFirst();
                DroppedKeyPackages++;
            }

            return new MlsMessage { WireFormat = WireFormat.KeyPackage, KeyPackage = bundle.KeyPackage }.Encode();
        }

        /// <summary>Creates a group with this client as its only member.</summary>
        public MlsGroup CreateGroup(byte[] groupId)
        {
            using KeyPackageBundle bundle = KeyPackageBundle.Create(Credential.BasicOf(Identity), _signaturePrivate, 0, ulong.MaxValue);
            return new MlsGroup(GroupState.Create((byte[])groupId.Clone(), bundle, null, _psks));
        }

        /// <summary>Joins from a Welcome sealed to one of our outstanding KeyPackages (which is then used up).</summary>
        public MlsError TryJoin(ReadOnlySpan<byte> welcome, out MlsGroup? group)
        {
            group = null;
            MlsError error = MlsMessage.TryDecode(welcome, out MlsMessage message);
            if (error != MlsError.None)
            {
                return error;
            }

            if (message.Welcome is null)
            {
                return MlsError.InvalidValue;
            }

            for (LinkedListNode<KeyPackageBundle>? node = _keyPackages.First; node is not null; node = node.Next)
            {
                KeyPackageBundle b = node.Value;
                byte[] reference = b.KeyPackage.Reference();
                if (!message.Welcome.Secrets.Exists(s => s.NewMember.AsSpan().SequenceEqual(reference)))
                {
                    continue;
                }

                error = GroupState.TryJoin(message.Welcome, b.KeyPackage, b.InitPrivate, b.EncryptionPrivate, b.SignaturePrivate, null, _psks, out GroupState? state);
                if (error == MlsError.None)
                {
                    _keyPackages.Remove(node);
                    b.Dispose();
                    group = new MlsGroup(state!);
                }

                return error;
            }

            return MlsError.NotFound;
        }

        public void Dispose()
        {
            foreach (KeyPackageBundle b in _keyPackages)
            {
                b.Dispose();
            }

            _keyPackages.Clear();
            _psks.Dispose();
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(_signaturePrivate);
        }
    }
}
