using System.Collections.Generic;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;
using EdgeMesh.State.Fleet;
using EdgeMesh.State.Storage;
using EdgeMesh.State.Sync;

namespace EdgeMesh.State.Tests.Support
{
    /// <summary>A fleet root and enrolled nodes with roles, and replicas of them wired by direct calls.</summary>
    internal sealed class TestFleet : IDisposable
    {
        public const long T0 = 1_800_000_000_000;

        public TestFleet()
        {
            Authority = FleetAuthority.Generate();
        }

        public FleetAuthority Authority { get; }

        public List<Member> Members { get; } = new List<Member>();

        public Member Add(FleetRoles roles, IStateStore? store = null, FleetStateOptions? options = null)
        {
            NodeKeyPair keys = NodeKeyPair.Generate();
            byte[] cert = Authority.IssueCertificate(keys.PublicKey, roles, T0 - 1000, T0 + (365L * 24 * 3600 * 1000));
            var member = new Member(this, keys, cert, store ?? new MemoryStateStore(), options);
            Members.Add(member);
            return member;
        }

        /// <summary>Delivers every queued message (and the replies) until none is left, ticking every replica.</summary>
        public void Settle(long nowMs, int rounds = 50)
        {
            for (int r = 0; r < rounds; r++)
            {
                foreach (Member m in Members)
                {
                    m.Replica.Tick(nowMs + (r * 500), m.Outbox);
                }

                bool any = true;
                while (any)
                {
                    any = false;
                    foreach (Member m in Members)
                    {
                        while (m.Outbox.Queue.Count > 0)
                        {
                            (ulong to, byte[] message) = m.Outbox.Queue.Dequeue();
                            Member? target = Members.Find(x => x.Id == to);
                            target?.Replica.Receive(m.Id, message, nowMs + (r * 500), target.Outbox);
                            any = true;
                        }
                    }
                }
            }
        }

        public void ConnectAll()
        {
            foreach (Member a in Members)
            {
                foreach (Member b in Members)
                {
                    if (a != b)
                    {
                        a.Replica.AddPeer(b.Id);
                    }
                }
            }
        }

        public void Dispose()
        {
            foreach (Member m in Members)
            {
                m.Keys.Dispose();
            }

            Authority.Dispose();
        }

        internal sealed class Member
        {
            private readonly TestFleet _fleet;
            private readonly FleetStateOptions? _options;

            public Member(TestFleet fleet, NodeKeyPair keys, byte[] cert, IStateStore store, FleetStateOptions? options)
            {
                _fleet = fleet;
                Keys = keys;
                Certificate = cert;
                Store = store;
                _options = options;
                Restart(T0);
            }

            public NodeKeyPair Keys { get; }

            public byte[] Certificate { get; }

            public IStateStore Store { get; }

            public ulong Id => Keys.Id.Value;

            public FleetStateReplica Replica { get; private set; } = null!;

            public QueueSink Outbox { get; } = new QueueSink();

            public void Restart(long nowMs)
            {
                Replica = new FleetStateReplica(Id, Keys.Keys, Certificate, _fleet.Authority.PublicKey, Store, nowMs, _options);
            }
        }
    }

    internal sealed class QueueSink : ISyncSink
    {
        public Queue<(ulong To, byte[] Message)> Queue { get; } = new Queue<(ulong, byte[])>();

        public void Send(ulong peer, ReadOnlySpan<byte> message) => Queue.Enqueue((peer, message.ToArray()));
    }
}
