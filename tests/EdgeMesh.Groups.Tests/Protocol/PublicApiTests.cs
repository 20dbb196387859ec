using System.Linq;
using System.Text;

namespace EdgeMesh.Groups.Tests.Protocol
{
    /// <summary>The API the daemon calls: clients, KeyPackages, groups, commits, Welcomes and messages as bytes.</summary>
    public sealed class PublicApiTests
    {
        [Fact]
        public void Three_nodes_form_a_group_talk_and_remove_one()
        {
            using MlsClient alpha = MlsClient.Create(Encoding.UTF8.GetBytes("robot-alpha"));
            using MlsClient bravo = MlsClient.Create(Encoding.UTF8.GetBytes("robot-bravo"));
            using MlsClient charlie = MlsClient.Create(Encoding.UTF8.GetBytes("operator-charlie"));
            using MlsGroup a = alpha.CreateGroup(Encoding.UTF8.GetBytes("squad-7"));

            byte[] kpB = bravo.NewKeyPackage(0, ulong.MaxValue);
            byte[] kpC = charlie.NewKeyPackage(0, ulong.MaxValue);
            Assert.Equal(MlsError.None, a.Commit(new[] { kpB, kpC }, Array.Empty<uint>(), true, out MlsCommitOutput? add));
            Assert.Equal(MlsError.None, a.MergeCommit());
            Assert.Equal(MlsError.None, bravo.TryJoin(add!.Welcome!, out MlsGroup? b));
            Assert.Equal(MlsError.None, charlie.TryJoin(add.Welcome!, out MlsGroup? c));
            using MlsGroup bg = b!;
            using MlsGroup cg = c!;
            Assert.Equal(a.EpochAuthenticator, bg.EpochAuthenticator);
            Assert.Equal(a.EpochAuthenticator, cg.EpochAuthenticator);
            Assert.Equal(new[] { "robot-alpha", "robot-bravo", "operator-charlie" }, a.Members().Select(m => Encoding.UTF8.GetString(m.Identity)).ToArray());

            // The Welcome used bravo's KeyPackage up: it cannot be joined twice.
            Assert.Equal(MlsError.NotFound, bravo.TryJoin(add.Welcome!, out _));

            byte[] wire = bg.Encrypt(Encoding.UTF8.GetBytes("waypoint 4 reached"));
            Assert.Equal(MlsError.None, cg.Process(wire, out MlsIncoming got));
            Assert.Equal(MlsIncomingKind.Application, got.Kind);
            Assert.Equal("waypoint 4 reached", Encoding.UTF8.GetString(got.Data));
            Assert.Equal(bg.OwnLeaf, got.Sender);

            uint bravoLeaf = a.FindMember(Encoding.UTF8.GetBytes("robot-bravo"))!.Value;
            Assert.Equal(MlsError.None, cg.Commit(Array.Empty<byte[]>(), new[] { bravoLeaf }, true, out MlsCommitOutput? remove));
            Assert.Equal(MlsError.None, a.Process(remove!.Message, out MlsIncoming commit));
            Assert.Equal(MlsIncomingKind.Commit, commit.Kind);
            Assert.Equal(MlsError.None, bg.Process(remove.Message, out MlsIncoming removed));
            Assert.True(removed.RemovedSelf);
            Assert.Equal(MlsError.None, cg.MergeCommit());
            Assert.Equal(a.EpochAuthenticator, cg.EpochAuthenticator);
            Assert.Equal(2, a.MemberCount);
            Assert.Equal(a.Export("edgemesh test", default, 32), cg.Export("edgemesh test", default, 32));
        }

        [Fact]
        public void Garbage_in_is_an_error_not_an_exception()
        {
            using MlsClient alpha = MlsClient.Create(Encoding.UTF8.GetBytes("alpha"));
            using MlsGroup g = alpha.CreateGroup(Encoding.UTF8.GetBytes("g"));
            Assert.NotEqual(MlsError.None, g.Process(new byte[] { 0, 1, 0, 2, 0xFF }, out _));
            Assert.NotEqual(MlsError.None, g.ProposeAdd(new byte[] { 0, 1, 0, 5 }, out _));
            Assert.NotEqual(MlsError.None, alpha.TryJoin(Array.Empty<byte>(), out _));
        }
    }
}
