using System;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Messaging.Keys
{
    /// <summary>
    /// A bounded in-memory key directory: node id → Ed25519 public key, the id derived from the key
    /// (docs/identity.md §1), so an entry cannot claim another node's id. When full, the entry added
    /// first is evicted (counted in <see cref="Evictions"/>). Not thread-safe.
    /// </summary>
    public sealed class DmKeyDirectory : IDmKeyDirectory
    {
        private readonly Dictionary<ulong, LinkedListNode<(ulong Id, byte[] Key)>> _keys;
        private readonly LinkedList<(ulong Id, byte[] Key)> _order = new LinkedList<(ulong Id, byte[] Key)>();

        /// <summary>Creates an empty directory holding at most <paramref name="capacity"/> keys (1..1,000,000).</summary>
        public DmKeyDirectory(int capacity)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1_000_000);
            Capacity = capacity;
            _keys = new Dictionary<ulong, LinkedListNode<(ulong Id, byte[] Key)>>(capacity);
        }

        /// <summary>Most keys held.</summary>
        public int Capacity { get; }

        /// <summary>Keys held now.</summary>
        public int Count => _keys.Count;

        /// <summary>Keys evicted to make room.</summary>
        public long Evictions { get; private set; }

        /// <summary>Adds (or keeps) a node's key and returns its id; the empty id for a key that is not 32 bytes.</summary>
        public NodeId Add(ReadOnlySpan<byte> publicKey)
        {
            NodeId id = NodeIds.Derive(publicKey);
            if (id.IsEmpty || _keys.ContainsKey(id.Value))
            {
                return id;
            }

            if (_keys.Count >= Capacity)
            {
                _keys.Remove(_order.First!.Value.Id);
                _order.RemoveFirst();
                Evictions++;
            }

            _keys.Add(id.Value, _order.AddLast((id.Value, publicKey.ToArray())));
            return id;
        }

        /// <summary>Forgets a node (a later <see cref="Add"/> of its key brings it back).</summary>
        public bool Remove(NodeId node)
        {
            if (!_keys.Remove(node.Value, out LinkedListNode<(ulong Id, byte[] Key)>? entry))
            {
                return false;
            }

            _order.Remove(entry);
            return true;
        }

        /// <inheritdoc />
        public bool TryGetPublicKey(NodeId node, long nowMs, Span<byte> publicKey)
        {
            if (publicKey.Length < Ed25519KeyPair.PublicKeyLength || !_keys.TryGetValue(node.Value, out LinkedListNode<(ulong Id, byte[] Key)>? entry))
            {
                return false;
            }

            entry.Value.Key.CopyTo(publicKey);
            return true;
        }
    }
}
