using System.Text.Json;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class MessagesVectorTests
    {
        public static IEnumerable<object[]> Cases() => VectorFolder.Cases("messages");

        private delegate Action<TlsWriter> Decoder(ref TlsReader r);

        private static void RoundTrip(byte[] data, Decoder decode, string field)
        {
            TlsReader r = new TlsReader(data);
            Action<TlsWriter> encode = decode(ref r);
            r.ExpectEnd();
            Assert.True(r.Ok, $"{field}: {r.Error}");
            TlsWriter w = new TlsWriter();
            encode(w);
            Assert.True(data.AsSpan().SequenceEqual(w.Written), $"{field} re-encodes differently");
        }

        private static Decoder Body(ushort type) => (ref TlsReader r) =>
        {
            Proposal p = Proposal.ReadBody(ref r, type);
            return p.WriteBody;
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Messages(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            Decoder message = (ref TlsReader r) => MlsMessage.Read(ref r).Write;
            foreach (string field in new[] { "mls_welcome", "mls_group_info", "mls_key_package", "public_message_application", "public_message_proposal", "public_message_commit", "private_message" })
            {
                RoundTrip(v.Hex(field), message, field);
            }

            RoundTrip(v.Hex("ratchet_tree"), (ref TlsReader r) => RatchetTree.Read(ref r).Write, "ratchet_tree");
            RoundTrip(v.Hex("group_secrets"), (ref TlsReader r) => GroupSecrets.Read(ref r).Write, "group_secrets");
            RoundTrip(v.Hex("add_proposal"), Body(Proposal.Add), "add_proposal");
            RoundTrip(v.Hex("update_proposal"), Body(Proposal.Update), "update_proposal");
            RoundTrip(v.Hex("remove_proposal"), Body(Proposal.Remove), "remove_proposal");
            RoundTrip(v.Hex("pre_shared_key_proposal"), Body(Proposal.Psk), "pre_shared_key_proposal");
            RoundTrip(v.Hex("re_init_proposal"), Body(Proposal.ReInit), "re_init_proposal");
            RoundTrip(v.Hex("external_init_proposal"), Body(Proposal.ExternalInit), "external_init_proposal");
            RoundTrip(v.Hex("group_context_extensions_proposal"), Body(Proposal.GroupContextExtensions), "group_context_extensions_proposal");
            RoundTrip(v.Hex("commit"), (ref TlsReader r) => Commit.Read(ref r).Write, "commit");
        }
    }
}
