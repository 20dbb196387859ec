using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Messaging.Policy;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Messaging.Tests.Support;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Engine
{
    /// <summary>The recipient's refusals, each counted under its own reason, and what relays and disks can see.</summary>
    public sealed class SecurityTests
    {
        [Fact]
        public void A_tampered_ciphertext_is_refused_as_a_bad_signature_and_never_delivered()
        {
            using var fleet = new Fleet(2);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Network.Interceptor = (from, transmission, packet) =>
            {
                if (transmission.Kind == DmPacketKind.Fragment)
                {
                    packet[FragmentHeader.Length + EnvelopeHeader.Length + 1] ^= 0x01; // first ciphertext bytes
                }

                return packet;
            };

            fleet.SendText(0, 1, "set speed 0.5");
            fleet.Network.RunFor(30_000);

            Assert.Empty(fleet.Node(1).Received);
            Assert.True(fleet[1].Refused(DmRefusal.BadSignature) >= 2, "every tampered attempt is counted");
            Assert.Equal(0, fleet[1].Refused(DmRefusal.Undecryptable));
            Assert.Equal(0, fleet[1].Count(DmCounter.AcksSent));
        }

        [Fact]
        public void A_message_sealed_to_a_wrong_key_is_refused_as_undecryptable()
        {
            using var fleet = new Fleet(3);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            // Node 0 holds node 2's key under node 1's id (a stale or wrong directory entry).
            var wrong = new SwappedKeys(fleet.Directory, fleet.Id(1), fleet.Identity(2).PublicKey.ToArray());
            using var sender = new DirectMessenger(fleet.Identity(0), wrong, fleet.Options);
            fleet.Network.Replace(sender);

            DmSendResult sent = sender.Send(fleet.Id(1), Encoding.UTF8.GetBytes("secret plan"), fleet.Network.Now, lifetimeMs: 20_000);
            Assert.True(sent.IsQueued, sent.Message);
            fleet.Network.RunFor(20_000);

            Assert.Empty(fleet.Node(1).Received);
            Assert.Equal(1, fleet[1].Refused(DmRefusal.Undecryptable));
            Assert.Equal(1, fleet[1].Refused(DmRefusal.Duplicate)); // the retry gets the remembered answer
            Assert.Equal(2, fleet[1].Count(DmCounter.RejectionsSent));

            // The rejection is signed by the real node 1, which the wrong key cannot verify: it is not trusted.
            Assert.Equal(2, sender.Refused(DmRefusal.BadSignature));
            Assert.Equal(DmReceiptStatus.TimedOut, Assert.Single(fleet.Node(0).Receipts).Status);
        }

        [Fact]
        public void A_sender_whose_message_did_not_decrypt_learns_it_from_a_signed_rejection()
        {
            using var fleet = new Fleet(3);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            // The wrong key is used for sealing only; by the time the rejection arrives the directory is right.
            var wrong = new SwappedKeys(fleet.Directory, fleet.Id(1), fleet.Identity(2).PublicKey.ToArray(), lies: 1);
            using var sender = new DirectMessenger(fleet.Identity(0), wrong, fleet.Options);
            fleet.Network.Replace(sender);

            Assert.True(sender.Send(fleet.Id(1), Encoding.UTF8.GetBytes("secret plan"), fleet.Network.Now).IsQueued);
            fleet.Network.RunFor(1_000);

            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Rejected, receipt.Status);
            Assert.Equal(DmRejectReason.Undecryptable, receipt.Reason);
            Assert.Contains("decrypt", receipt.ReasonText, StringComparison.Ordinal);
            Assert.Equal(1, fleet[1].Refused(DmRefusal.Undecryptable));
        }

        [Fact]
        public void A_replayed_envelope_is_refused_as_a_duplicate_and_after_expiry_as_expired()
        {
            using var fleet = new Fleet(2);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            var captured = new List<byte[]>();
            fleet.Network.Interceptor = (from, transmission, packet) =>
            {
                if (transmission.Kind == DmPacketKind.Fragment)
                {
                    captured.Add(packet.ToArray());
                }

                return packet;
            };

            fleet.SendText(0, 1, "open gate 3", lifetimeMs: 60_000);
            fleet.Network.RunFor(1_000);
            Assert.Single(fleet.Node(1).Received);

            byte[] replay = Assert.Single(captured);
            Assert.Equal(DmRefusal.Duplicate, fleet[1].Receive(replay, DmPathKind.Direct, fleet.Network.Now));
            fleet.Network.RunUntil(TestIdentities.Epoch + 60_000);
            Assert.Equal(DmRefusal.Expired, fleet[1].Receive(replay, DmPathKind.Direct, fleet.Network.Now));
            fleet.Network.RunFor(1_000);

            Assert.Single(fleet.Node(1).Received);
            Assert.Equal(1, fleet[1].Refused(DmRefusal.Duplicate));
            Assert.Equal(1, fleet[1].Refused(DmRefusal.Expired));
            Assert.Equal(0, fleet[1].DedupeCount);
        }

        [Fact]
        public void An_envelope_that_arrives_after_its_expiry_is_refused_as_expired()
        {
            using var fleet = new Fleet(2);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            byte[]? held = null;
            fleet.Network.Interceptor = (from, transmission, packet) =>
            {
                held ??= packet;
                return null; // the network holds the first copy back
            };

            fleet.SendText(0, 1, "too late", lifetimeMs: 5_000);
            fleet.Network.RunFor(6_000);

            Assert.Equal(DmRefusal.Expired, fleet[1].Receive(held, DmPathKind.Direct, fleet.Network.Now));
            Assert.Equal(1, fleet[1].Refused(DmRefusal.Expired));
            Assert.Empty(fleet.Node(1).Received);
            Assert.Equal(DmReceiptStatus.TimedOut, Assert.Single(fleet.Node(0).Receipts).Status);
        }

        [Fact]
        public void Unknown_senders_future_envelopes_and_foreign_acknowledgements_are_refused_and_counted()
        {
            using var fleet = new Fleet(3);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            var captured = new List<(DmPacketKind Kind, byte[] Packet)>();
            fleet.Network.Interceptor = (from, transmission, packet) =>
            {
                captured.Add((transmission.Kind, packet.ToArray()));
                return packet;
            };
            fleet.SendText(0, 1, "hello");
            fleet.Network.RunFor(1_000);
            byte[] fragment = captured.First(c => c.Kind == DmPacketKind.Fragment).Packet;
            byte[] ack = captured.First(c => c.Kind == DmPacketKind.Ack).Packet;

            // Node 1 restarted with an empty directory: the sender is unknown to it.
            using var stranger = new DirectMessenger(fleet.Identity(1), new DmKeyDirectory(4), fleet.Options);
            Assert.Equal(DmRefusal.UnknownSender, stranger.Receive(fragment, DmPathKind.Direct, fleet.Network.Now));

            // Node 1 with a clock 10 minutes behind sees an envelope from the future.
            using var slow = new DirectMessenger(fleet.Identity(1), fleet.Directory, fleet.Options);
            Assert.Equal(DmRefusal.ClockSkew, slow.Receive(fragment, DmPathKind.Direct, fleet.Network.Now - 600_000));

            // Node 2 is not the recipient; an acknowledgement for a finished request is unknown.
            Assert.Equal(DmRefusal.WrongRecipient, fleet[2].Receive(fragment, DmPathKind.Direct, fleet.Network.Now));
            Assert.Equal(DmRefusal.UnknownRequest, fleet[0].Receive(ack, DmPathKind.Direct, fleet.Network.Now));
            Assert.Equal(DmRefusal.Malformed, fleet[0].Receive(new byte[] { 1, 2, 3 }, DmPathKind.Direct, fleet.Network.Now));
            Assert.Equal(1, fleet[0].Refused(DmRefusal.UnknownRequest));
            Assert.Equal(1, fleet[2].Refused(DmRefusal.WrongRecipient));
        }

        [Fact]
        public void A_forged_acknowledgement_does_not_complete_the_message()
        {
            using var fleet = new Fleet(3);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).Online = false;
            DmRequestId id = fleet.SendText(0, 1, "needs a real answer");

            // Node 2 signs an acceptance claiming to be node 1; and node 2 acknowledges in its own name.
            byte[] forged = new AckFields(id, fleet.Id(1), fleet.Id(0), fleet.Network.Now, DmRejectReason.None, string.Empty).EncodeAndSign(fleet.Identity(2));
            byte[] foreign = new AckFields(id, fleet.Id(2), fleet.Id(0), fleet.Network.Now, DmRejectReason.None, string.Empty).EncodeAndSign(fleet.Identity(2));
            Assert.Equal(DmRefusal.BadSignature, fleet[0].Receive(forged, DmPathKind.Direct, fleet.Network.Now));
            Assert.Equal(DmRefusal.AckSenderMismatch, fleet[0].Receive(foreign, DmPathKind.Direct, fleet.Network.Now));
            Assert.Equal(1, fleet[0].OutboxCount);
            Assert.Empty(fleet.Node(0).Receipts);
        }

        [Fact]
        public void A_policy_rejection_travels_back_with_its_reason_and_retries_get_the_same_answer()
        {
            using var fleet = new Fleet(3, policies: i => i == 1 ? new AllowListPolicy(Array.Empty<NodeId>()) : null);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            int acksDropped = 0;
            fleet.Network.Interceptor = (from, transmission, packet) => transmission.Kind == DmPacketKind.Ack && acksDropped++ == 0 ? null : packet;

            fleet.SendText(0, 1, "let me in");
            fleet.Network.RunFor(30_000);

            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Rejected, receipt.Status);
            Assert.Equal("rejected", receipt.StatusText);
            Assert.Equal(DmRejectReason.NotAllowed, receipt.Reason);
            Assert.Equal(AllowListPolicy.RejectionText, receipt.ReasonText);
            Assert.Equal(2, receipt.Attempts);
            Assert.Empty(fleet.Node(1).Received);
            Assert.Equal(1, fleet[1].Refused(DmRefusal.PolicyRejected));
            Assert.Equal(1, fleet[1].Refused(DmRefusal.Duplicate));
            Assert.Equal(2, fleet[1].Count(DmCounter.RejectionsSent));
        }

        [Fact]
        public void No_transmitted_byte_sequence_and_no_outbox_file_contains_the_plaintext()
        {
            using var temp = new TempDirectory();
            using var fleet = new Fleet(3, stores: i => i == 0 ? new DirectoryOutboxStore(temp.Path) : null);
            fleet.Network.Chain(fleet.Id(0), fleet.Id(1), fleet.Id(2));
            string text = string.Concat(Enumerable.Repeat("Waypoint alpha: 47.3769N 8.5417E, hold 30 s. ", 60));
            byte[] plain = Encoding.UTF8.GetBytes(text);

            fleet.Node(2).Online = false;
            fleet.SendText(0, 2, text);
            byte[][] files = Directory.GetFiles(temp.Path).Select(File.ReadAllBytes).ToArray();
            fleet.Node(2).Online = true;
            fleet.Network.Beacon(fleet.Id(2));
            fleet.Network.RunFor(60_000);

            Assert.Equal(text, Encoding.UTF8.GetString(Assert.Single(fleet.Node(2).Received).Payload.Span));
            Assert.NotEmpty(files);
            Assert.True(fleet.Network.Sent.Count > 3);
            foreach (byte[] bytes in fleet.Network.Sent.Select(s => s.Transmission.Packet.ToArray()).Concat(files))
            {
                for (int at = 0; at + 12 <= plain.Length; at += 12)
                {
                    Assert.True(bytes.AsSpan().IndexOf(plain.AsSpan(at, 12)) < 0, "12 plaintext bytes at offset " + at + " appear on the wire or on disk");
                }
            }
        }

        /// <summary>A directory that answers one node's id with another key.</summary>
        private sealed class SwappedKeys : IDmKeyDirectory
        {
            private readonly IDmKeyDirectory _inner;
            private readonly NodeId _node;
            private readonly byte[] _key;
            private int _lies;

            internal SwappedKeys(IDmKeyDirectory inner, NodeId node, byte[] key, int lies = int.MaxValue)
            {
                _inner = inner;
                _node = node;
                _key = key;
                _lies = lies;
            }

            public bool TryGetPublicKey(NodeId node, long nowMs, Span<byte> publicKey)
            {
                if (node != _node || _lies-- <= 0)
                {
                    return _inner.TryGetPublicKey(node, nowMs, publicKey);
                }

                _key.CopyTo(publicKey);
                return true;
            }
        }
    }
}
