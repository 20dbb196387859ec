using System.Text;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Messaging.Policy;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Support
{
    /// <summary>Identities, their messengers and a test network, disposed together.</summary>
    internal sealed class Fleet : IDisposable
    {
        private readonly TestIdentities _identities;
        private readonly DirectMessenger[] _messengers;

        /// <summary>Creates <paramref name="count"/> nodes, all online, none linked yet.</summary>
        internal Fleet(int count, DmOptions? options = null, int seed = 1, Func<int, IDmOutboxStore?>? stores = null, Func<int, IDmPolicy?>? policies = null, Func<int, IDmOutboxStore?>? inboxStores = null)
        {
            _identities = new TestIdentities(count);
            Options = options ?? new DmOptions();
            Network = new TestNetwork(seed);
            _messengers = new DirectMessenger[count];
            for (int i = 0; i < count; i++)
            {
                _messengers[i] = new DirectMessenger(_identities[i], _identities.Directory, Options, stores?.Invoke(i), policies?.Invoke(i), inboxStores?.Invoke(i));
                Network.Add(_messengers[i]);
            }
        }

        internal DmOptions Options { get; }

        internal TestNetwork Network { get; }

        internal DmKeyDirectory Directory => _identities.Directory;

        internal DirectMessenger this[int index] => _messengers[index];

        internal NodeId Id(int index)
        {
            return _identities.Id(index);
        }

        internal TestNetwork.Node Node(int index)
        {
            return Network[_identities.Id(index)];
        }

        internal Security.Identity.NodeKeyPair Identity(int index)
        {
            return _identities[index];
        }

        /// <summary>Replaces node <paramref name="index"/>'s messenger with a new one over <paramref name="store"/> (and <paramref name="inboxStore"/>), as after a restart.</summary>
        internal DirectMessenger Restart(int index, IDmOutboxStore store, IDmOutboxStore? inboxStore = null)
        {
            _messengers[index].Dispose();
            _messengers[index] = new DirectMessenger(_identities[index], _identities.Directory, Options, store, inboxStore: inboxStore);
            Network.Replace(_messengers[index]);
            return _messengers[index];
        }

        /// <summary>Sends UTF-8 text from <paramref name="from"/> to <paramref name="to"/> at the network's time; asserts it was queued.</summary>
        internal DmRequestId SendText(int from, int to, string text, long lifetimeMs = 0)
        {
            DmSendResult result = _messengers[from].Send(Id(to), Encoding.UTF8.GetBytes(text), Network.Now, Protocol.Payloads.PayloadType.Text, lifetimeMs);
            Assert.True(result.IsQueued, result.Message);
            Network.Pump();
            return result.RequestId;
        }

        public void Dispose()
        {
            foreach (DirectMessenger messenger in _messengers)
            {
                messenger.Dispose();
            }

            _identities.Dispose();
        }
    }
}
