using System.Collections.Generic;
using System.Text;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;

namespace EdgeMesh.Groups.Benchmarks
{
    /// <summary>
    /// Groups shaped like the mls-rs benchmark groups: created by one commit from member 0 that adds
    /// everyone else, so the tree is sparse (unmerged leaves, blank parents) as in a new fleet group.
    /// Only members 0 and 1 are materialised; the others exist as leaves.
    /// </summary>
    internal static class GroupFixture
    {
        public static (GroupState Creator, GroupState Second) Build(int size)
        {
            KeyPackageBundle creator = Client("member-0");
            GroupState first = GroupState.Create(Encoding.UTF8.GetBytes("bench-group"), creator, null, new PskStore());
            List<Proposal> adds = new List<Proposal>();
            KeyPackageBundle? second = null;
            for (int i = 1; i < size; i++)
            {
                KeyPackageBundle b = Client("member-" + i);
                second ??= b;
                adds.Add(GroupState.AddProposal(b.KeyPackage));
            }

            first.CreateCommit(adds, true, out PendingCommit? pending);
            first.MergePending();
            MlsMessage.TryDecode(pending!.Welcome!, out MlsMessage welcome);
            GroupState.TryJoin(welcome.Welcome!, second!.KeyPackage, second.InitPrivate, second.EncryptionPrivate, second.SignaturePrivate, null, new PskStore(), out GroupState? joined);
            return (first, joined!);
        }

        private static KeyPackageBundle Client(string name)
            => KeyPackageBundle.Create(Credential.BasicOf(Encoding.UTF8.GetBytes(name)), KeyPackageBundle.NewSignatureKey(), 0, ulong.MaxValue);
    }
}
