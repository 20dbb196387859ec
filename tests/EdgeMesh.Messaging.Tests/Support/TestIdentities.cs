using System.Collections.Generic;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Messaging.Tests.Support
{
    /// <summary>A set of node identities and a key directory that knows all of them.</summary>
    internal sealed class TestIdentities : IDisposable
    {
        /// <summary>2025-11-21T04:40:00Z: every test clock starts here.</summary>
        internal const long Epoch = 1_763_700_000_000;

        private readonly List<NodeKeyPair> _all = new List<NodeKeyPair>();

        internal TestIdentities(int count)
        {
            Directory = new DmKeyDirectory(64);
            for (int i = 0; i < count; i++)
            {
                NodeKeyPair identity = NodeKeyPair.Generate();
                _all.Add(identity);
                Directory.Add(identity.PublicKey);
            }
        }

        internal DmKeyDirectory Directory { get; }

        internal NodeKeyPair this[int index] => _all[index];

        internal NodeId Id(int index)
        {
            return _all[index].Id;
        }

        public void Dispose()
        {
            foreach (NodeKeyPair identity in _all)
            {
                identity.Dispose();
            }
        }
    }
}
