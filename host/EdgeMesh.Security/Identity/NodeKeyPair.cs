using System;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Identity
{
    /// <summary>
    /// A node's identity: its Ed25519 key pair and the ids derived from the public key. The secret
    /// key is zeroed when disposed. Signing is thread-safe.
    /// </summary>
    public sealed class NodeKeyPair : IDisposable
    {
        private readonly byte[] _fullId = new byte[NodeIds.FullIdLength];

        private NodeKeyPair(Ed25519KeyPair keys)
        {
            Keys = keys;
            NodeIds.TryDeriveFull(keys.PublicKey, _fullId);
            Id = new NodeId(NodeIds.ReadWireId(_fullId));
        }

        /// <summary>The wire id (first 8 bytes of the full id); never empty.</summary>
        public NodeId Id { get; }

        /// <summary>The 32-byte full id.</summary>
        public ReadOnlySpan<byte> FullId => _fullId;

        /// <summary>The 32-byte Ed25519 public key.</summary>
        public ReadOnlySpan<byte> PublicKey => Keys.PublicKey;

        /// <summary>The underlying signing key pair.</summary>
        public Ed25519KeyPair Keys { get; }

        /// <summary>Draws a new identity (again, in the 2^-64 case of an all-zero wire id).</summary>
        public static NodeKeyPair Generate()
        {
            while (true)
            {
                NodeKeyPair candidate = new NodeKeyPair(Ed25519KeyPair.Generate());
                if (!candidate.Id.IsEmpty)
                {
                    return candidate;
                }

                candidate.Dispose();
            }
        }

        /// <summary>Wraps an existing key pair; false (and the pair left undisposed) when its id would be all zero.</summary>
        public static bool TryCreate(Ed25519KeyPair keys, out NodeKeyPair? identity)
        {
            ArgumentNullException.ThrowIfNull(keys);
            identity = NodeIds.Derive(keys.PublicKey).IsEmpty ? null : new NodeKeyPair(keys);
            return identity != null;
        }

        /// <summary>The short text form of <see cref="Id"/>.</summary>
        public override string ToString()
        {
            return NodeIds.FormatShort(Id);
        }

        /// <summary>Zeroes and frees the secret key.</summary>
        public void Dispose()
        {
            Keys.Dispose();
        }
    }
}
