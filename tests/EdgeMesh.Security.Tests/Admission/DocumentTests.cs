using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Security.Tests.Admission
{
    public sealed class DocumentTests : IDisposable
    {
        private readonly TestFleet _fleet = new TestFleet();
        private readonly NodeKeyPair _node = NodeKeyPair.Generate();

        [Fact]
        public void Certificate_round_trips_every_field()
        {
            byte[] encoded = _fleet.Authority.IssueCertificate(_node.PublicKey, FleetRoles.Robot | FleetRoles.Operator, 1000, 2000);
            Assert.Equal(128, encoded.Length);
            Assert.Equal(AdmissionError.None, NodeCertificate.TryParse(encoded, out NodeCertificate certificate));
            Assert.Equal(_fleet.Authority.FleetId, certificate.FleetId);
            Assert.Equal(FleetRoles.Robot | FleetRoles.Operator, certificate.Roles);
            Assert.Equal(_node.PublicKey.ToArray(), certificate.PublicKey.ToArray());
            Assert.Equal(1000, certificate.NotBeforeMs);
            Assert.Equal(2000, certificate.NotAfterMs);
            Assert.Equal(_node.Id, certificate.NodeId);
            Assert.True(certificate.VerifySignature(_fleet.Authority.PublicKey));
            Assert.Equal("EMCT"u8.ToArray(), encoded.AsSpan(0, 4).ToArray());
        }

        [Fact]
        public void Certificate_validity_and_roles_round_trip_for_any_values()
        {
            Prop.ForAll(
                    Gen.Choose(1, 7).ToArbitrary(),
                    ArbMap.Default.ArbFor<uint>(),
                    ArbMap.Default.ArbFor<uint>(),
                    (roles, start, length) =>
                    {
                        long notBefore = start * 1000L;
                        long notAfter = notBefore + 1 + length;
                        byte[] encoded = _fleet.Authority.IssueCertificate(_node.PublicKey, (FleetRoles)roles, notBefore, notAfter);
                        return NodeCertificate.TryParse(encoded, out NodeCertificate c) == AdmissionError.None
                            && c.Roles == (FleetRoles)roles && c.NotBeforeMs == notBefore && c.NotAfterMs == notAfter;
                    })
                .QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Malformed_certificates_are_refused_with_a_reason()
        {
            byte[] good = _fleet.Authority.IssueCertificate(_node.PublicKey, FleetRoles.Robot, 1000, 2000);
            for (int length = 0; length < good.Length + 3; length++)
            {
                if (length == good.Length)
                {
                    continue;
                }

                byte[] resized = new byte[length];
                Array.Copy(good, resized, Math.Min(length, good.Length));
                Assert.NotEqual(AdmissionError.None, NodeCertificate.TryParse(resized, out _));
            }

            Assert.Equal(AdmissionError.UnsupportedVersion, NodeCertificate.TryParse(Mutate(good, 4, 2), out _));
            Assert.Equal(AdmissionError.Malformed, NodeCertificate.TryParse(Mutate(good, 0, (byte)'X'), out _));
            Assert.Equal(AdmissionError.Malformed, NodeCertificate.TryParse(Mutate(good, 5, 0), out _)); // no role
            Assert.Equal(AdmissionError.Malformed, NodeCertificate.TryParse(Mutate(good, 5, 8), out _)); // undefined role
            Assert.Equal(AdmissionError.Malformed, NodeCertificate.TryParse(Mutate(good, 7, 1), out _)); // reserved
            Assert.Equal(AdmissionError.Malformed, NodeCertificate.TryParse(Mutate(good, 48, 0x80), out _)); // negative time
            byte[] reversed = _fleet.Authority.IssueCertificate(_node.PublicKey, FleetRoles.Robot, 1000, 2000);
            reversed[63] = 0; // not-after becomes 0: ends before it starts
            reversed[62] = 0;
            Assert.Equal(AdmissionError.Malformed, NodeCertificate.TryParse(reversed, out _));
        }

        [Fact]
        public void Revocation_list_round_trips_sorted_and_deduplicated()
        {
            var ids = new[] { new NodeId(30), new NodeId(10), new NodeId(20), new NodeId(10), default };
            byte[] encoded = _fleet.Authority.IssueRevocationList(7, 5000, ids);
            Assert.Equal(RevocationList.EncodedLength(3), encoded.Length);
            Assert.Equal(AdmissionError.None, RevocationList.TryParse(encoded, out RevocationList list));
            Assert.Equal(7UL, list.Version);
            Assert.Equal(5000, list.IssuedAtMs);
            Assert.Equal(_fleet.Authority.FleetId, list.FleetId);
            Assert.Equal(3, list.Count);
            Assert.Equal(new NodeId(10), list[0]);
            Assert.Equal(new NodeId(30), list[2]);
            Assert.True(list.Contains(new NodeId(20)));
            Assert.False(list.Contains(new NodeId(25)));
            Assert.True(list.VerifySignature(_fleet.Authority.PublicKey));
        }

        [Fact]
        public void Revocation_list_of_any_ids_round_trips()
        {
            Prop.ForAll(
                    ArbMap.Default.ArbFor<ulong[]>(),
                    ArbMap.Default.ArbFor<ulong>(),
                    (values, version) =>
                    {
                        var ids = Array.ConvertAll(values, v => new NodeId(v));
                        byte[] encoded = _fleet.Authority.IssueRevocationList(version, 1, ids);
                        if (RevocationList.TryParse(encoded, out RevocationList list) != AdmissionError.None || list.Version != version)
                        {
                            return false;
                        }

                        foreach (ulong v in values)
                        {
                            if (v != 0 && !list.Contains(new NodeId(v)))
                            {
                                return false;
                            }
                        }

                        return list.Count == new System.Collections.Generic.HashSet<ulong>(Array.FindAll(values, v => v != 0)).Count;
                    })
                .QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Malformed_revocation_lists_are_refused_with_a_reason()
        {
            byte[] good = _fleet.Authority.IssueRevocationList(1, 1, new[] { new NodeId(5), new NodeId(9) });
            for (int length = 0; length < good.Length + 9; length++)
            {
                if (length != good.Length)
                {
                    byte[] resized = new byte[length];
                    Array.Copy(good, resized, Math.Min(length, good.Length));
                    Assert.NotEqual(AdmissionError.None, RevocationList.TryParse(resized, out _));
                }
            }

            Assert.Equal(AdmissionError.UnsupportedVersion, RevocationList.TryParse(Mutate(good, 4, 9), out _));
            Assert.Equal(AdmissionError.Malformed, RevocationList.TryParse(Mutate(good, 6, 1), out _));
            Assert.Equal(AdmissionError.Malformed, RevocationList.TryParse(Mutate(good, 41, 9), out _)); // 9, 9: repeated
            Assert.Equal(AdmissionError.Malformed, RevocationList.TryParse(Mutate(good, 41, 0), out _)); // 0 first
            Assert.Equal(AdmissionError.Malformed, RevocationList.TryParse(Mutate(good, 33, 3), out _)); // count says 3
            Assert.Equal(AdmissionError.Malformed, RevocationList.TryParse(Mutate(good, 32, 0xFF), out _)); // count over the cap
        }

        [Fact]
        public void A_million_random_and_mutated_documents_never_throw()
        {
            byte[] certificate = _fleet.Authority.IssueCertificate(_node.PublicKey, FleetRoles.Gateway, 1000, 2000);
            byte[] list = _fleet.Authority.IssueRevocationList(3, 3, new[] { new NodeId(1), new NodeId(2), new NodeId(3) });
            var random = new Random(7693);
            byte[] buffer = new byte[200];
            int parsed = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                byte[] source = (i & 2) == 0 ? certificate : list;
                int count;
                if ((i & 1) == 0)
                {
                    count = random.Next(buffer.Length);
                    random.NextBytes(buffer.AsSpan(0, count));
                    if (random.Next(4) == 0 && count >= 5)
                    {
                        source.AsSpan(0, 5).CopyTo(buffer); // valid magic and version, random rest
                    }
                }
                else
                {
                    count = random.Next(4) == 0 ? random.Next(source.Length + 9) : source.Length;
                    Array.Clear(buffer);
                    source.AsSpan(0, Math.Min(count, source.Length)).CopyTo(buffer);
                    buffer[random.Next(Math.Max(1, count))] ^= (byte)(1 + random.Next(255));
                }

                ReadOnlySpan<byte> input = buffer.AsSpan(0, count);
                if (NodeCertificate.TryParse(input, out _) == AdmissionError.None)
                {
                    parsed++;
                }

                if (RevocationList.TryParse(input, out RevocationList l) == AdmissionError.None)
                {
                    parsed++;
                    _ = l.Contains(new NodeId(2));
                }
            }

            Assert.True(parsed > 0, "some mutations (of times and ids) keep the layout valid");
        }

        public void Dispose()
        {
            _node.Dispose();
            _fleet.Dispose();
        }

        private static byte[] Mutate(byte[] source, int index, byte value)
        {
            byte[] copy = (byte[])source.Clone();
            copy[index] = value;
            return copy;
        }
    }
}
