using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Tests.Admission
{
    public sealed class PeerAdmissionTests : IDisposable
    {
        private const long Now = TestFleet.Now;
        private readonly TestFleet _fleet = new TestFleet();
        private readonly NodeKeyPair _node = NodeKeyPair.Generate();

        [Fact]
        public void Admits_a_valid_certificate_and_looks_the_peer_up()
        {
            PeerAdmission admission = _fleet.NewAdmission();
            Assert.Equal(AdmissionError.None, admission.Admit(_fleet.Certify(_node, roles: FleetRoles.Gateway), Now));
            Assert.Equal(PeerStatus.Admitted, admission.Lookup(_node.Id, Now, out AdmittedPeer peer));
            Assert.Equal(FleetRoles.Gateway, peer.Roles);
            Assert.Equal(_node.Id, peer.Id);
            byte[] key = new byte[32];
            Assert.True(admission.TryCopyPublicKey(_node.Id, key));
            Assert.Equal(_node.PublicKey.ToArray(), key);
            Assert.Equal(1, admission.Count);
            Assert.Equal(1, admission.Admissions);
        }

        [Fact]
        public void Explain_names_the_reason_without_counting_it_again()
        {
            PeerAdmission admission = _fleet.NewAdmission();
            using var otherFleet = new TestFleet();
            byte[] stranger = otherFleet.Certify(_node);
            Assert.Equal(AdmissionError.WrongFleet, admission.Admit(stranger, Now));
            Assert.Equal(AdmissionError.WrongFleet, admission.Explain(stranger, Now, out ulong fleetId));
            Assert.NotEqual(admission.FleetId, fleetId);
            Assert.Equal(AdmissionError.Expired, admission.Explain(_fleet.Certify(_node, Now - 10, Now), Now, out _));
            byte[] forged = _fleet.Certify(_node);
            forged[100] ^= 1;
            Assert.Equal(AdmissionError.BadSignature, admission.Explain(forged, Now, out fleetId));
            Assert.Equal(admission.FleetId, fleetId);
            Assert.Equal(1, admission.CertificateRejections(AdmissionError.WrongFleet));
            Assert.Equal(0, admission.CertificateRejections(AdmissionError.Expired));
            Assert.Equal(0, admission.Count);
        }

        [Fact]
        public void Refuses_certificates_by_reason_and_counts_each()
        {
            PeerAdmission admission = _fleet.NewAdmission();
            using var otherFleet = new TestFleet();
            byte[] forged = _fleet.Certify(_node);
            forged[100] ^= 1;

            Assert.Equal(AdmissionError.WrongFleet, admission.Admit(otherFleet.Certify(_node), Now));
            Assert.Equal(AdmissionError.BadSignature, admission.Admit(forged, Now));
            Assert.Equal(AdmissionError.Expired, admission.Admit(_fleet.Certify(_node, Now - 10, Now), Now));
            Assert.Equal(AdmissionError.NotYetValid, admission.Admit(_fleet.Certify(_node, Now + 1, Now + 10), Now));
            Assert.Equal(AdmissionError.Malformed, admission.Admit(new byte[12], Now));

            Assert.Equal(AdmissionError.None, admission.ApplyRevocationList(_fleet.Authority.IssueRevocationList(1, Now, new[] { _node.Id })));
            Assert.Equal(AdmissionError.Revoked, admission.Admit(_fleet.Certify(_node), Now));

            foreach (AdmissionError reason in new[] { AdmissionError.WrongFleet, AdmissionError.BadSignature, AdmissionError.Expired, AdmissionError.NotYetValid, AdmissionError.Malformed, AdmissionError.Revoked })
            {
                Assert.Equal(1, admission.CertificateRejections(reason));
            }

            Assert.Equal(0, admission.Count);
            Assert.Equal(PeerStatus.Revoked, admission.Lookup(_node.Id, Now, out _));
        }

        [Fact]
        public void An_entry_expires_with_its_certificate()
        {
            PeerAdmission admission = _fleet.NewAdmission();
            admission.Admit(_fleet.Certify(_node, Now - 10, Now + 100), Now);
            Assert.Equal(PeerStatus.Admitted, admission.Lookup(_node.Id, Now + 99, out _));
            Assert.Equal(PeerStatus.Expired, admission.Lookup(_node.Id, Now + 100, out _));
            Assert.Equal(PeerStatus.Unknown, admission.Lookup(_node.Id, Now + 100, out _));
        }

        [Fact]
        public void Revocation_lists_apply_only_newer_versions_from_the_fleet_root()
        {
            PeerAdmission admission = _fleet.NewAdmission();
            admission.Admit(_fleet.Certify(_node), Now);
            using var otherFleet = new TestFleet();
            byte[] v2 = _fleet.Authority.IssueRevocationList(2, Now, new[] { _node.Id });
            byte[] forged = (byte[])v2.Clone();
            forged[^1] ^= 1;

            Assert.Equal(AdmissionError.WrongFleet, admission.ApplyRevocationList(otherFleet.Authority.IssueRevocationList(9, Now, new[] { _node.Id })));
            Assert.Equal(AdmissionError.BadSignature, admission.ApplyRevocationList(forged));
            Assert.Equal(PeerStatus.Admitted, admission.Lookup(_node.Id, Now, out _));

            Assert.Equal(AdmissionError.None, admission.ApplyRevocationList(v2));
            Assert.Equal(2UL, admission.RevocationListVersion);
            Assert.Equal(v2, admission.CurrentRevocationList.ToArray());
            Assert.Equal(PeerStatus.Revoked, admission.Lookup(_node.Id, Now, out _)); // removed from the table too
            Assert.Equal(0, admission.Count);

            Assert.Equal(AdmissionError.StaleRevocationList, admission.ApplyRevocationList(v2));
            Assert.Equal(AdmissionError.StaleRevocationList, admission.ApplyRevocationList(_fleet.Authority.IssueRevocationList(1, Now, Array.Empty<NodeId>())));
            Assert.True(admission.IsRevoked(_node.Id));

            // A newer list can lift the revocation.
            Assert.Equal(AdmissionError.None, admission.ApplyRevocationList(_fleet.Authority.IssueRevocationList(3, Now, Array.Empty<NodeId>())));
            Assert.False(admission.IsRevoked(_node.Id));
            Assert.Equal(AdmissionError.None, admission.Admit(_fleet.Certify(_node), Now));
            Assert.Equal(2, admission.RevocationListRejections(AdmissionError.StaleRevocationList));
        }

        [Fact]
        public void A_full_table_evicts_the_least_recently_used_peer_and_counts_it()
        {
            PeerAdmission admission = _fleet.NewAdmission(capacity: 2);
            using NodeKeyPair a = NodeKeyPair.Generate();
            using NodeKeyPair b = NodeKeyPair.Generate();
            using NodeKeyPair c = NodeKeyPair.Generate();
            admission.Admit(_fleet.Certify(a), Now);
            admission.Admit(_fleet.Certify(b), Now + 1);
            admission.Lookup(a.Id, Now + 2, out _); // a is now more recent than b
            admission.Admit(_fleet.Certify(c), Now + 3);
            Assert.Equal(2, admission.Count);
            Assert.Equal(1, admission.Evictions);
            Assert.Equal(PeerStatus.Unknown, admission.Lookup(b.Id, Now + 4, out _));
            Assert.Equal(PeerStatus.Admitted, admission.Lookup(a.Id, Now + 4, out _));
            Assert.Equal(PeerStatus.Admitted, admission.Lookup(c.Id, Now + 4, out _));
        }

        [Fact]
        public void Lookups_allocate_nothing()
        {
            PeerAdmission admission = _fleet.NewAdmission();
            admission.Admit(_fleet.Certify(_node), Now);
            admission.Lookup(_node.Id, Now, out _);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                admission.Lookup(_node.Id, Now, out _);
                admission.Lookup(new NodeId(42), Now, out _);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        public void Dispose()
        {
            _node.Dispose();
            _fleet.Dispose();
        }
    }
}
