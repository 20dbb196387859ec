using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>One node of an UpdatePath: its new public key and the path secret sealed to each resolution member.</summary>
    internal sealed class UpdatePathNode
    {
        public byte[] EncryptionKey { get; set; } = Array.Empty<byte>();

        public List<HpkeCiphertext> EncryptedPathSecret { get; } = new List<HpkeCiphertext>();
    }
}
