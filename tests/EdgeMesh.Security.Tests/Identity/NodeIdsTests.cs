using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Tests.Identity
{
    public sealed class NodeIdsTests
    {
        // RFC 8032 test 1 public key; the expected ids are the docs/identity.md examples.
        private static readonly byte[] PublicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

        [Fact]
        public void Derives_the_documented_ids()
        {
            byte[] full = new byte[32];
            Assert.True(NodeIds.TryDeriveFull(PublicKey, full));
            Assert.Equal("e53b5081efbff9cd9c8ece65a653d4a044d89ff1dba9f574d643bee3de923898", NodeIds.FormatFull(full));
            NodeId id = NodeIds.Derive(PublicKey);
            Assert.Equal(0xe53b5081efbff9cdUL, id.Value);
            Assert.Equal("e53b5081efbff9cd", NodeIds.FormatShort(id));
            Assert.Equal(0x64b45351a86b209fUL, FleetAuthority.DeriveFleetId(PublicKey));
        }

        [Fact]
        public void Parses_short_and_full_forms_and_refuses_anything_else()
        {
            Assert.True(NodeIds.TryParse("e53b5081efbff9cd", out NodeId id));
            Assert.Equal(0xe53b5081efbff9cdUL, id.Value);
            Assert.True(NodeIds.TryParse(" E53B5081EFBFF9CD9C8ECE65A653D4A044D89FF1DBA9F574D643BEE3DE923898 ", out NodeId fromFull));
            Assert.Equal(id, fromFull);
            Assert.False(NodeIds.TryParse("0000000000000000", out _));
            Assert.False(NodeIds.TryParse("e53b5081efbff9c", out _));
            Assert.False(NodeIds.TryParse("e53b5081efbff9cg", out _));
            Assert.False(NodeIds.TryParse(null, out _));
            Assert.False(NodeIds.TryParse(string.Empty, out _));
        }

        [Fact]
        public void Malformed_public_keys_give_the_empty_id_without_throwing()
        {
            Assert.True(NodeIds.Derive(new byte[31]).IsEmpty);
            Assert.False(NodeIds.TryDeriveFull(new byte[33], new byte[32]));
            Assert.Equal(0UL, FleetAuthority.DeriveFleetId(new byte[5]));
        }

        [Fact]
        public void Generated_identities_have_distinct_non_empty_ids_matching_their_keys()
        {
            using NodeKeyPair a = NodeKeyPair.Generate();
            using NodeKeyPair b = NodeKeyPair.Generate();
            Assert.False(a.Id.IsEmpty);
            Assert.NotEqual(a.Id, b.Id);
            Assert.Equal(NodeIds.Derive(a.PublicKey), a.Id);
            Assert.Equal(a.Id.Value, NodeIds.ReadWireId(a.FullId));
            Assert.Equal(NodeIds.FormatShort(a.Id), a.ToString());
        }
    }
}
