using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;

namespace EdgeMesh.Groups
{
    /// <summary>
    /// One group as seen by one member: encrypt, process incoming messages, propose, commit and
    /// merge. Every method that takes bytes from the network returns an <see cref="MlsError"/>
    /// instead of throwing. Commits are two-step (create, then merge once the group agreed on
    /// it, or discard when another commit won the epoch), which is what the consensus layer needs.
    /// </summary>
    public sealed class MlsGroup : IDisposable
    {
        private readonly GroupState _state;

        internal MlsGroup(GroupState state)
        {
            _state = state;
        }

        public byte[] GroupId => _state.GroupId;

        public ulong Epoch => _state.Epoch;

        public uint OwnLeaf => _state.OwnLeaf;

        /// <summary>Equal at every member in the same epoch; compare it to detect forks.</summary>
        public byte[] EpochAuthenticator => (byte[])_state.EpochAuthenticator.Clone();

        public int MemberCount => _state.MemberCount;

        /// <summary>Whether commits and proposals travel encrypted (PrivateMessage, default) or signed in the clear.</summary>
        public bool EncryptHandshake
        {
            get => _state.EncryptHandshake;
            set => _state.EncryptHandshake = value;
        }

        public IReadOnlyList<MlsMember> Members()
        {
            List<MlsMember> list = new List<MlsMember>();
            for (uint i = 0; i < _state.Tree.LeafCount; i++)
            {
                LeafNode? leaf = _state.Tree.Leaf(i);
                if (leaf is not null)
                {
                    list.Add(new MlsMember(i, leaf.Credential.Identity, leaf.SignatureKey));
                }
            }

            return list;
        }

        public uint? FindMember(ReadOnlySpan<byte> identity) => _state.FindMember(identity);

        public byte[] Encrypt(ReadOnlySpan<byte> data, ReadOnlySpan<byte> authenticatedData = default) => _state.EncryptApplication(data, authenticatedData);

        public MlsError Process(ReadOnlySpan<byte> message, out MlsIncoming incoming)
        {
            incoming = MlsIncoming.Empty;
            MlsError error = _state.Process(message, out Received? r);
            if (error == MlsError.None && r is not null)
            {
                MlsIncomingKind kind = r.Kind switch
                {
                    ReceivedKind.Application => MlsIncomingKind.Application,
                    ReceivedKind.Proposal => MlsIncomingKind.Proposal,
                    _ => MlsIncomingKind.Commit,
                };
                incoming = new MlsIncoming(kind, r.Sender, r.ApplicationData, r.RemovedSelf, _state.Epoch);
            }

            return error;
        }

        public MlsError ProposeAdd(ReadOnlySpan<byte> keyPackage, out byte[] message)
        {
            message = Array.Empty<byte>();
            MlsError error = DecodeKeyPackage(keyPackage, out KeyPackage? kp);
            if (error == MlsError.None)
            {
                message = _state.Propose(GroupState.AddProposal(kp!));
            }

            return error;
        }

        /// <summary>Proposes a fresh leaf key for ourselves; another member's commit applies it.</summary>
        public MlsError ProposeUpdate(out byte[] message) => _state.ProposeUpdate(out message);

        public byte[] ProposeRemove(uint leaf) => _state.Propose(GroupState.RemoveProposal(leaf));

        /// <summary>Commits the given adds and removes plus every cached proposal; the group moves on <see cref="MergeCommit"/>.</summary>
        public MlsError Commit(IReadOnlyList<byte[]> addKeyPackages, IReadOnlyList<uint> removeLeaves, bool updatePath, out MlsCommitOutput? output)
        {
            output = null;
            List<Proposal> proposals = new List<Proposal>();
            foreach (uint leaf in removeLeaves)
            {
                proposals.Add(GroupState.RemoveProposal(leaf));
            }

            foreach (byte[] kpBytes in addKeyPackages)
            {
                MlsError error = DecodeKeyPackage(kpBytes, out KeyPackage? kp);
                if (error != MlsError.None)
                {
                    return error;
                }

                proposals.Add(GroupState.AddProposal(kp!));
            }

            MlsError result = _state.CreateCommit(proposals, updatePath, out PendingCommit? pending);
            if (result == MlsError.None)
            {
                output = new MlsCommitOutput(pending!.Message, pending.Welcome);
            }

            return result;
        }

        public MlsError MergeCommit() => _state.MergePending();

        public void DiscardCommit() => _state.DiscardPending();

        /// <summary>MLS-Exporter: a secret for another protocol, bound to this group and epoch.</summary>
        public byte[] Export(string label, ReadOnlySpan<byte> context, int length) => _state.Export(label, context, length);

        private static MlsError DecodeKeyPackage(ReadOnlySpan<byte> bytes, out KeyPackage? keyPackage)
        {
            keyPackage = null;
            MlsError error = MlsMessage.TryDecode(bytes, out MlsMessage m);
            if (error != MlsError.None)
            {
                return error;
            }

            if (m.KeyPackage is null)
            {
                return MlsError.InvalidValue;
            }

            error = m.KeyPackage.Validate();
            keyPackage = m.KeyPackage;
            return error;
        }

        public void Dispose() => _state.Dispose();
    }
}
