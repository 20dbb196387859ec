using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>
    /// A daemon facing a fleet member that speaks raw UDP (<see cref="FakeFleetPeer"/>): attacks on
    /// envelopes are refused and counted by reason, and what the daemon puts on the wire for a DM
    /// holds no plaintext of its body.
    /// </summary>
    public sealed class DirectMessageSecurityTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public void TamperedWrongKeyReplayedAndExpiredEnvelopesAreEachRefusedAndCounted()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            using var x = new FakeFleetPeer(fleet);
            (MeshNode b, IPEndPoint to) = StartBeside(nodes, fleet, x);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

            // A genuine message, then the same envelope again in a new frame: acknowledged again, delivered once.
            byte[] genuine = Seal(x.Messenger, b.Id, "genuine", now);
            x.Send(to, FrameKind.Direct, genuine, b.Id);
            WaitForCounter(b, "dm_delivered", 1);
            x.Send(to, FrameKind.Direct, genuine, b.Id);
            WaitForCounter(b, "dm_refused_duplicate", 1);

            // One bit of the ciphertext flipped (the signature is the envelope's last 64 bytes).
            byte[] tampered = Seal(x.Messenger, b.Id, "tampered", now);
            tampered[tampered.Length - 64 - 10] ^= 0x01;
            x.Send(to, FrameKind.Direct, tampered, b.Id);
            WaitForCounter(b, "dm_refused_bad_signature", 1);

            // Created a minute ago with a one-second lifetime.
            x.Send(to, FrameKind.Direct, Seal(x.Messenger, b.Id, "late", now - 60_000, lifetimeMs: 1_000), b.Id);
            WaitForCounter(b, "dm_refused_expired", 1);

            // Signed by the peer but sealed to a key that is not the recipient's.
            using var stranger = NodeKeyPair.Generate();
            using var misled = new DirectMessenger(x.Identity, new OneKeyForEveryone(stranger.PublicKey));
            x.Send(to, FrameKind.Direct, Seal(misled, b.Id, "wrong key", now), b.Id);
            WaitForCounter(b, "dm_refused_undecryptable", 1);

            DirectMessage delivered = Assert.Single(b.TakeDirectMessages(10));
            Assert.Equal("genuine", DirectMessageNodeTests.Text(delivered));
            Assert.Equal(x.Id, delivered.Sender);
        }

        [Fact]
        public async Task TheDatagramsOfADirectMessageHoldNoPlaintextOfItsBody()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            using var x = new FakeFleetPeer(fleet);
            (MeshNode a, IPEndPoint to) = StartBeside(nodes, fleet, x);
            var secret = new StringBuilder();
            for (int i = 0; secret.Length < 3_000; i++)
            {
                secret.Append("waypoint ").Append(i).Append(" of the secret route; ");
            }

            DmSendResult sent = a.SendDirect(x.Id, PayloadType.Text, DirectMessageNodeTests.TextPayload(secret.ToString()));
            Assert.True(sent.IsQueued, sent.Message);
            using var timeout = new CancellationTokenSource(Patience);
            Task<DmReceipt> receipt = a.WaitForReceiptAsync(sent.RequestId, timeout.Token);
            int consumed = 0;
            while (!receipt.IsCompleted)
            {
                x.AnswerDirectFrames(to, ref consumed); // the peer decrypts, reassembles and acknowledges
                await Task.WhenAny(receipt, Task.Delay(20, timeout.Token));
            }

            Assert.Equal(DmReceiptStatus.Accepted, (await receipt).Status);
            Assert.True(x.Messenger.TryTakeMessage(out DirectMessage? message));
            Assert.Equal(secret.ToString(), DirectMessageApi.ToEvent(message).Text);

            List<byte[]> captured = x.Captured;
            Assert.True(captured.Sum(d => d.Length) > secret.Length, "the capture holds the message's frames");
            var windows = new HashSet<string>();
            foreach (byte[] datagram in captured)
            {
                for (int i = 0; i + 12 <= datagram.Length; i++)
                {
                    windows.Add(Convert.ToHexString(datagram, i, 12));
                }
            }

            byte[] plain = Encoding.UTF8.GetBytes(secret.ToString());
            for (int i = 0; i + 12 <= plain.Length; i++)
            {
                Assert.DoesNotContain(Convert.ToHexString(plain, i, 12), windows);
            }
        }

        /// <summary>A daemon without discovery that <paramref name="peer"/> introduced itself to and whose key it knows.</summary>
        /// <summary>
        /// Starts a production-mode daemon beside <paramref name="peer"/> and introduces the peer to it
        /// (certificate and beacon, or the certificate alone); returns once the daemon lists the peer.
        /// </summary>
        internal static (MeshNode Node, IPEndPoint Address) StartBeside(TestNodes nodes, FleetAuthority fleet, FakeFleetPeer peer, bool certificateOnly = false)
        {
            string dir = nodes.CreateNodeDirectory(fleet, "n");
            NodeConfig config = nodes.LoopbackConfig();
            config.Discovery.Enabled = false;
            MeshNode node = nodes.Start(dir, config);
            peer.Keys.Add(FakeFleetPeer.PublicKeyOf(dir));
            var address = new IPEndPoint(IPAddress.Loopback, node.UdpEndPoint.Port);
            if (certificateOnly)
            {
                peer.PresentCertificate(address);
            }
            else
            {
                peer.Introduce(address);
            }

            Assert.True(SpinWait.SpinUntil(() => node.GetPeers().Any(p => p.Id == peer.Id.ToString()), Patience), "the daemon did not admit the peer");
            return (node, address);
        }

        /// <summary>Seals a one-fragment text message and returns its packet.</summary>
        private static byte[] Seal(DirectMessenger messenger, NodeId recipient, string text, long nowMs, long lifetimeMs = 0)
        {
            DmSendResult sent = messenger.Send(recipient, DirectMessageNodeTests.TextPayload(text), nowMs, PayloadType.Text, lifetimeMs);
            Assert.True(sent.IsQueued, sent.Message);
            var packets = new List<byte[]>();
            while (messenger.TryDequeue(out DmTransmission transmission))
            {
                packets.Add(transmission.Packet.ToArray());
            }

            return Assert.Single(packets);
        }

        private static void WaitForCounter(MeshNode node, string name, long expected)
        {
            Assert.True(
                SpinWait.SpinUntil(() => node.GetStatus().Counters.Direct.GetValueOrDefault(name) == expected, Patience),
                name + " is " + node.GetStatus().Counters.Direct.GetValueOrDefault(name) + ", expected " + expected);
        }

        /// <summary>A key directory that answers one key for every node.</summary>
        private sealed class OneKeyForEveryone : IDmKeyDirectory
        {
            private readonly byte[] _key;

            internal OneKeyForEveryone(ReadOnlySpan<byte> key)
            {
                _key = key.ToArray();
            }

            public bool TryGetPublicKey(NodeId node, long nowMs, Span<byte> publicKey)
            {
                _key.CopyTo(publicKey);
                return true;
            }
        }
    }
}
