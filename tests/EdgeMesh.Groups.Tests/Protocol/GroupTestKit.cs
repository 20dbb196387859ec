using System.Text;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;

namespace EdgeMesh.Groups.Tests.Protocol
{
    /// <summary>Builds clients and groups for the round-trip tests.</summary>
    internal static class GroupTestKit
    {
        public static KeyPackageBundle Client(string name)
            => KeyPackageBundle.Create(Credential.BasicOf(Encoding.UTF8.GetBytes(name)), KeyPackageBundle.NewSignatureKey(), 0, ulong.MaxValue);

        public static GroupState Join(byte[] welcome, KeyPackageBundle bundle)
        {
            Assert.Equal(MlsError.None, MlsMessage.TryDecode(welcome, out MlsMessage m));
            Assert.Equal(MlsError.None, GroupState.TryJoin(m.Welcome!, bundle.KeyPackage, bundle.InitPrivate, bundle.EncryptionPrivate, bundle.SignaturePrivate, null, new PskStore(), out GroupState? g));
            return g!;
        }

        /// <summary>A group of <paramref name="size"/> members created by one commit from member 0; returns every member's state.</summary>
        public static List<GroupState> Group(int size, bool encryptHandshake = true)
        {
            KeyPackageBundle creator = Client("member-0");
            GroupState first = GroupState.Create(Encoding.UTF8.GetBytes("group"), creator, null, new PskStore());
            first.EncryptHandshake = encryptHandshake;
            List<GroupState> members = new List<GroupState> { first };
            if (size == 1)
            {
                return members;
            }

            List<KeyPackageBundle> joiners = new List<KeyPackageBundle>();
            List<Proposal> adds = new List<Proposal>();
            for (int i = 1; i < size; i++)
            {
                KeyPackageBundle b = Client("member-" + i);
                joiners.Add(b);
                adds.Add(GroupState.AddProposal(b.KeyPackage));
            }

            Assert.Equal(MlsError.None, first.CreateCommit(adds, true, out PendingCommit? pending));
            Assert.Equal(MlsError.None, first.MergePending());
            foreach (KeyPackageBundle b in joiners)
            {
                GroupState g = Join(pending!.Welcome!, b);
                g.EncryptHandshake = encryptHandshake;
                members.Add(g);
            }

            return members;
        }

        /// <summary>Member <paramref name="committer"/> commits; everyone else processes it; all must agree.</summary>
        public static PendingCommit CommitAndDeliver(List<GroupState> members, int committer, List<Proposal> proposals, bool withPath)
        {
            Assert.Equal(MlsError.None, members[committer].CreateCommit(proposals, withPath, out PendingCommit? pending));
            for (int i = 0; i < members.Count; i++)
            {
                if (i == committer)
                {
                    continue;
                }

                MlsError error = members[i].Process(pending!.Message, out Received? r);
                Assert.True(error == MlsError.None, $"member {i}: {error}");
                Assert.Equal(ReceivedKind.Commit, r!.Kind);
            }

            Assert.Equal(MlsError.None, members[committer].MergePending());
            return pending!;
        }

        public static void AssertAgree(List<GroupState> members)
        {
            for (int i = 1; i < members.Count; i++)
            {
                Assert.Equal(members[0].Epoch, members[i].Epoch);
                Assert.Equal(members[0].EpochAuthenticator, members[i].EpochAuthenticator);
                Assert.Equal(members[0].Tree.RootHash(), members[i].Tree.RootHash());
            }
        }
    }
}
