using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Tests.Frames
{
    /// <summary>Production mode: each attack is refused, counted under its own verdict and never accepted.</summary>
    public sealed class FrameVerifierTests : IDisposable
    {
        private const long Now = TestFleet.Now;
        private readonly TestFleet _fleet = new TestFleet();
        private readonly NodeKeyPair _sender = NodeKeyPair.Generate();
        private readonly PeerAdmission _admission;
        private readonly SequenceReplayWindow _window = new SequenceReplayWindow(64, 4);
        private readonly FrameVerifier _verifier;

        public FrameVerifierTests()
        {
            _admission = _fleet.NewAdmission();
            _verifier = new FrameVerifier(new FrameVerifierOptions(), _admission, sequenceWindow: _window);
        }

        [Fact]
        public void Certificate_frame_admits_its_signer_then_data_frames_are_accepted()
        {
            Assert.Equal(FrameVerdict.UnknownSender, Verify(TestFleet.SignedFrame(_sender, 1, TestFleet.Payload(10))));
            Assert.Equal(FrameVerdict.Admitted, Present(_sender, _fleet.Certify(_sender), sequence: 2));
            byte[] frame = TestFleet.SignedFrame(_sender, 3, TestFleet.Payload(10));
            Assert.Equal(FrameVerdict.Accepted, _verifier.Verify(frame, 0, frame.Length, Now, out FrameHeader header));
            Assert.Equal(_sender.Id, header.Sender);
            Assert.Equal(1, _verifier.Count(FrameVerdict.Accepted));
            Assert.Equal(1, _verifier.Count(FrameVerdict.UnknownSender));
        }

        [Fact]
        public void Relays_bump_the_hop_count_without_breaking_the_signature_and_duplicates_are_not_delivered_twice()
        {
            Admit(_sender);
            byte[] frame = TestFleet.SignedFrame(_sender, 5, TestFleet.Payload(40));
            byte[] relayed = (byte[])frame.Clone();
            Assert.True(FrameCodec.TryIncrementHopCount(relayed, 0));
            Assert.Equal(FrameVerdict.Accepted, Verify(relayed));
            Assert.Equal((byte)((4 << 4) | 1), relayed[3]); // the buffer is restored after verification
            Assert.Equal(FrameVerdict.Duplicate, Verify(frame));
            Assert.Equal(FrameVerdict.Duplicate, Verify(relayed));
            Assert.Equal(1, _verifier.Count(FrameVerdict.Accepted));
            Assert.Equal(2, _verifier.Count(FrameVerdict.Duplicate));
        }

        [Fact]
        public void A_frame_carried_by_its_verified_originator_is_not_checked_twice_but_any_other_carrier_is_checked()
        {
            Admit(_sender);
            using NodeKeyPair relay = NodeKeyPair.Generate();
            Admit(relay);
            byte[] frame = TestFleet.SignedFrame(_sender, 5, TestFleet.Payload(16));
            frame[^5] ^= 0x20; // a signature that would fail: only skipped checks let it through

            // Carried by someone else: checked in full.
            Assert.Equal(FrameVerdict.BadSignature, _verifier.VerifyCarried(frame, 0, frame.Length, Now, relay.Id, out _));

            // Carried by its own sender, whose outer signature covered these bytes: not checked again,
            // but still subject to the replay window and the duplicate cache.
            Assert.Equal(FrameVerdict.Accepted, _verifier.VerifyCarried(frame, 0, frame.Length, Now, _sender.Id, out FrameHeader header));
            Assert.Equal(_sender.Id, header.Sender);
            Assert.Equal(FrameVerdict.Duplicate, _verifier.VerifyCarried(frame, 0, frame.Length, Now, _sender.Id, out _));
            byte[] old = TestFleet.SignedFrame(_sender, 5, TestFleet.Payload(17));
            Assert.Equal(FrameVerdict.Replayed, _verifier.VerifyCarried(old, 0, old.Length, Now, _sender.Id, out _));
        }

        [Fact]
        public void Forged_signature_is_refused()
        {
            Admit(_sender);
            byte[] frame = TestFleet.SignedFrame(_sender, 5, TestFleet.Payload(16));
            frame[^5] ^= 0x20;
            Assert.Equal(FrameVerdict.BadSignature, Verify(frame));
            Assert.Equal(1, _verifier.Count(FrameVerdict.BadSignature));
        }

        [Fact]
        public void A_frame_claiming_another_nodes_id_is_refused()
        {
            Admit(_sender);
            using NodeKeyPair impostor = NodeKeyPair.Generate();
            Admit(impostor);

            // A data frame signed by the impostor under the victim's id fails the victim's key.
            Assert.Equal(FrameVerdict.BadSignature, Verify(TestFleet.SignedFrame(impostor, 7, TestFleet.Payload(8), claimedSender: _sender.Id)));

            // An admission frame presenting the victim's certificate from another sender is caught before any signature work.
            Assert.Equal(FrameVerdict.SenderMismatch, Present(impostor, _fleet.Certify(_sender), sequence: 8));
            Assert.Equal(1, _verifier.Count(FrameVerdict.SenderMismatch));
            Assert.Equal(0, _verifier.Count(FrameVerdict.Accepted));
        }

        [Fact]
        public void Certificates_of_another_fleet_expired_or_revoked_are_refused()
        {
            using var otherFleet = new TestFleet();
            Assert.Equal(FrameVerdict.CertificateRejected, Present(_sender, otherFleet.Certify(_sender), 1));
            Assert.Equal(1, _admission.CertificateRejections(AdmissionError.WrongFleet));

            Assert.Equal(FrameVerdict.CertificateRejected, Present(_sender, _fleet.Certify(_sender, Now - 100, Now - 1), 2));
            Assert.Equal(1, _admission.CertificateRejections(AdmissionError.Expired));

            using NodeKeyPair revoked = NodeKeyPair.Generate();
            _admission.ApplyRevocationList(_fleet.Authority.IssueRevocationList(1, Now, new[] { revoked.Id }));
            Assert.Equal(FrameVerdict.CertificateRejected, Present(revoked, _fleet.Certify(revoked), 3));
            Assert.Equal(1, _admission.CertificateRejections(AdmissionError.Revoked));
            Assert.Equal(FrameVerdict.SenderRevoked, Verify(TestFleet.SignedFrame(revoked, 4, TestFleet.Payload(3))));
            Assert.Equal(FrameVerdict.UnknownSender, Verify(TestFleet.SignedFrame(_sender, 5, TestFleet.Payload(3))));
            Assert.Equal(3, _verifier.Count(FrameVerdict.CertificateRejected));
            Assert.Equal(0, _admission.Count);
        }

        [Fact]
        public void Data_frames_after_the_certificate_expires_are_refused()
        {
            Assert.Equal(FrameVerdict.Admitted, Present(_sender, _fleet.Certify(_sender, Now - 100, Now + 1000), 1));
            byte[] frame = TestFleet.SignedFrame(_sender, 2, TestFleet.Payload(3), timestamp: Now + 1000);
            Assert.Equal(FrameVerdict.CertificateExpired, _verifier.Verify(frame, 0, frame.Length, Now + 1000, out _));
            Assert.Equal(1, _verifier.Count(FrameVerdict.CertificateExpired));
        }

        [Fact]
        public void A_revocation_list_frame_revokes_an_admitted_peer()
        {
            Admit(_sender);
            using NodeKeyPair victim = NodeKeyPair.Generate();
            Admit(victim);
            byte[] list = _fleet.Authority.IssueRevocationList(4, Now, new[] { victim.Id });
            Assert.Equal(FrameVerdict.RevocationApplied, Verify(TestFleet.SignedFrame(_sender, 10, list, FrameKind.Admission)));
            Assert.Equal(FrameVerdict.SenderRevoked, Verify(TestFleet.SignedFrame(victim, 11, TestFleet.Payload(2))));
            Assert.Equal(FrameVerdict.RevocationListRejected, Verify(TestFleet.SignedFrame(_sender, 12, list, FrameKind.Admission)));
            Assert.Equal(1, _admission.RevocationListRejections(AdmissionError.StaleRevocationList));
        }

        [Fact]
        public void Replayed_frames_are_refused_by_timestamp_or_sequence_window()
        {
            Admit(_sender);
            byte[] frame = TestFleet.SignedFrame(_sender, 20, TestFleet.Payload(12));
            Assert.Equal(FrameVerdict.Accepted, Verify(frame));

            // Replayed later than the allowed skew: refused before any signature work.
            Assert.Equal(FrameVerdict.TimestampOutOfWindow, _verifier.Verify(frame, 0, frame.Length, Now + 30_001, out _));
            byte[] future = TestFleet.SignedFrame(_sender, 21, TestFleet.Payload(12), timestamp: Now + 30_001);
            Assert.Equal(FrameVerdict.TimestampOutOfWindow, Verify(future));

            // Replayed inside the skew once the verified cache has forgotten it: the sequence window refuses it.
            var verifier = new FrameVerifier(new FrameVerifierOptions(), _admission, sequenceWindow: _window);
            Assert.Equal(FrameVerdict.Replayed, verifier.Verify(frame, 0, frame.Length, Now + 30_000, out _));
            Assert.Equal(1, verifier.Count(FrameVerdict.Replayed));
            Assert.Equal(2, _verifier.Count(FrameVerdict.TimestampOutOfWindow));
        }

        [Fact]
        public void Every_flipped_bit_of_a_small_frame_is_refused()
        {
            Admit(_sender);
            byte[] frame = TestFleet.SignedFrame(_sender, 30, TestFleet.Payload(6));
            var window = new SequenceReplayWindow(64, 4);
            for (int bit = 0; bit < frame.Length * 8; bit++)
            {
                byte[] copy = (byte[])frame.Clone();
                copy[bit / 8] ^= (byte)(1 << (bit % 8));
                var verifier = new FrameVerifier(new FrameVerifierOptions { VerifiedCacheCapacity = 4 }, _admission, sequenceWindow: window);
                FrameVerdict verdict = verifier.Verify(copy, 0, copy.Length, Now, out _);
                if (bit / 8 == 3 && bit % 8 < 4)
                {
                    // The hop count is not authenticated (relays change it): the frame stays authentic or fails to decode.
                    Assert.True(verdict == FrameVerdict.Accepted || verdict == FrameVerdict.Replayed || verdict == FrameVerdict.Malformed, "bit " + bit + ": " + verdict);
                    continue;
                }

                Assert.NotEqual(FrameVerdict.Accepted, verdict);
                Assert.NotEqual(FrameVerdict.Duplicate, verdict);
                Assert.Equal(1, verifier.Count(verdict));
            }

            Assert.Equal(FrameVerdict.Accepted, _verifier.Verify(frame, 0, frame.Length, Now, out _));
        }

        [Fact]
        public void Tampered_copies_of_a_verified_message_are_not_mistaken_for_duplicates()
        {
            Admit(_sender);
            byte[] frame = TestFleet.SignedFrame(_sender, 31, TestFleet.Payload(20));
            Assert.Equal(FrameVerdict.Accepted, Verify(frame));
            byte[] tampered = (byte[])frame.Clone();
            tampered[WireFormat.HeaderLength + 3] ^= 1;
            Assert.Equal(FrameVerdict.BadSignature, Verify(tampered));
        }

        [Fact]
        public void Truncated_trailer_and_unsigned_frames_are_refused()
        {
            Admit(_sender);
            byte[] frame = TestFleet.SignedFrame(_sender, 40, TestFleet.Payload(9));
            for (int cut = 1; cut <= WireFormat.SignatureLength; cut++)
            {
                Assert.Equal(FrameVerdict.Truncated, _verifier.Verify(frame, 0, frame.Length - cut, Now, out _));
            }

            FrameHeader header = TestFleet.Header(_sender.Id, 41, FrameKind.Publish, SecurityMode.None, 0);
            byte[] plain = new byte[header.FrameLength];
            FrameCodec.Encode(ref header, Array.Empty<byte>(), 0, 0, plain, 0, plain.Length, out _);
            Assert.Equal(FrameVerdict.SecurityModeNotAllowed, Verify(plain));
            byte[] longer = new byte[frame.Length + 1];
            frame.CopyTo(longer, 0);
            Assert.Equal(FrameVerdict.Malformed, Verify(longer));
            Assert.Equal(WireFormat.SignatureLength, _verifier.Count(FrameVerdict.Truncated));
            Assert.Equal(FrameVerdict.Malformed, _verifier.Verify(new byte[3], 0, 3, Now, out _));
            Assert.Equal(FrameVerdict.Malformed, _verifier.Verify(null!, 0, 10, Now, out _));
        }

        [Fact]
        public void Development_mode_is_refused_unless_explicitly_allowed_and_then_warns()
        {
            Assert.False(SecurityProfiles.TryValidate(SecurityProfile.Development, false, out string refusal));
            Assert.Equal(SecurityProfiles.DevelopmentNotAllowed, refusal);
            Assert.Throws<InvalidOperationException>(() => new FrameVerifier(new FrameVerifierOptions { Profile = SecurityProfile.Development }, null));
            Assert.True(SecurityProfiles.TryValidate(SecurityProfile.Development, true, out string warning));
            Assert.Contains("SECURITY WARNING", warning, StringComparison.Ordinal);
            Assert.True(SecurityProfiles.TryValidate(SecurityProfile.Production, false, out string none));
            Assert.Empty(none);

            var verifier = new FrameVerifier(new FrameVerifierOptions { Profile = SecurityProfile.Development, AllowDevelopment = true }, null);
            FrameHeader header = TestFleet.Header(new NodeId(77), 1, FrameKind.Publish, SecurityMode.None, 0);
            byte[] plain = new byte[header.FrameLength];
            FrameCodec.Encode(ref header, Array.Empty<byte>(), 0, 0, plain, 0, plain.Length, out _);
            Assert.Equal(FrameVerdict.Accepted, verifier.Verify(plain, 0, plain.Length, 0, out _));
        }

        [Fact]
        public void Verification_allocates_nothing_for_new_and_duplicate_frames()
        {
            Admit(_sender);
            var verifier = new FrameVerifier(new FrameVerifierOptions(), _admission);
            byte[][] frames = new byte[64][];
            for (int i = 0; i < frames.Length; i++)
            {
                frames[i] = TestFleet.SignedFrame(_sender, 1000 + (ulong)i, TestFleet.Payload(64));
            }

            verifier.Verify(frames[0], 0, frames[0].Length, Now, out _);
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (byte[] frame in frames)
            {
                verifier.Verify(frame, 0, frame.Length, Now, out _);
                verifier.Verify(frame, 0, frame.Length, Now, out _);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(64, verifier.Count(FrameVerdict.Accepted));
            Assert.Equal(65, verifier.Count(FrameVerdict.Duplicate));
        }

        [Fact]
        public void Random_and_mutated_frames_never_throw_or_get_accepted()
        {
            Admit(_sender);
            byte[] valid = TestFleet.SignedFrame(_sender, 50, TestFleet.Payload(24));
            var random = new Random(8032);
            byte[] buffer = new byte[valid.Length + 4];
            var verifier = new FrameVerifier(new FrameVerifierOptions(), _admission);
            Assert.Equal(FrameVerdict.Accepted, verifier.Verify(valid, 0, valid.Length, Now, out _));
            for (int i = 0; i < 20_000; i++)
            {
                int count = valid.Length;
                valid.CopyTo(buffer, 0);
                if ((i & 1) == 0)
                {
                    count = random.Next(buffer.Length + 1);
                    random.NextBytes(buffer.AsSpan(4, Math.Max(0, count - 4))); // keep a decodable start now and then
                }
                else
                {
                    int index = random.Next(valid.Length);
                    buffer[index == 3 ? 4 : index] ^= (byte)(1 + random.Next(255));
                }

                FrameVerdict verdict = verifier.Verify(buffer, 0, count, Now, out _);
                Assert.NotEqual(FrameVerdict.Accepted, verdict);
                Assert.NotEqual(FrameVerdict.Admitted, verdict);
            }
        }

        [Fact]
        public void Lightweight_mode_checks_the_segment_MAC_and_refuses_signed_frames()
        {
            byte[] key = new byte[32];
            key[0] = 9;
            var mac = new EdgeMesh.Protocol.Security.FrameMac(key, 0, key.Length);
            var verifier = new FrameVerifier(new FrameVerifierOptions { Profile = SecurityProfile.Lightweight }, null, mac, new SequenceReplayWindow(64, 4));
            FrameHeader header = TestFleet.Header(new NodeId(5), 1, FrameKind.Publish, SecurityMode.Mac, 4);
            byte[] frame = new byte[header.FrameLength];
            FrameCodec.Encode(ref header, TestFleet.Payload(4), 0, 4, frame, 0, frame.Length, out _);
            mac.Seal(frame, 0, frame.Length, out _);
            Assert.Equal(FrameVerdict.Accepted, verifier.Verify(frame, 0, frame.Length, Now, out _));
            Assert.Equal(FrameVerdict.Duplicate, verifier.Verify(frame, 0, frame.Length, Now, out _));
            frame[WireFormat.HeaderLength] ^= 1;
            Assert.Equal(FrameVerdict.BadMac, verifier.Verify(frame, 0, frame.Length, Now, out _));
            byte[] signed = TestFleet.SignedFrame(_sender, 2, TestFleet.Payload(4));
            Assert.Equal(FrameVerdict.SecurityModeNotAllowed, verifier.Verify(signed, 0, signed.Length, Now, out _));
        }

        public void Dispose()
        {
            _sender.Dispose();
            _fleet.Dispose();
        }

        private void Admit(NodeKeyPair node)
        {
            Assert.Equal(AdmissionError.None, _admission.Admit(_fleet.Certify(node), Now));
        }

        private FrameVerdict Present(NodeKeyPair node, byte[] certificate, ulong sequence)
        {
            return Verify(TestFleet.SignedFrame(node, sequence, certificate, FrameKind.Admission));
        }

        private FrameVerdict Verify(byte[] frame)
        {
            return _verifier.Verify(frame, 0, frame.Length, Now, out _);
        }
    }
}
