using System;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Consensus
{
    /// <summary>
    /// A member's vote on a membership proposal, signed with its MLS signature key so that any
    /// member can relay it and every member can check it against the voter's leaf. The signature
    /// covers group, epoch, proposal id, voter and choice (label "EdgeMesh Vote").
    /// </summary>
    public sealed class SignedVote
    {
        private const string Label = "EdgeMesh Vote";

        /// <summary>Upper bound on a proposal id; longer ones are refused when decoding.</summary>
        public const int MaxProposalId = 64;

        private SignedVote(byte[] groupId, ulong epoch, byte[] proposalId, uint voter, bool yes, byte[] signature)
        {
            GroupId = groupId;
            Epoch = epoch;
            ProposalId = proposalId;
            Voter = voter;
            Yes = yes;
            Signature = signature;
        }

        public byte[] GroupId { get; }

        public ulong Epoch { get; }

        public byte[] ProposalId { get; }

        public uint Voter { get; }

        public bool Yes { get; }

        public byte[] Signature { get; }

        private static byte[] Content(byte[] groupId, ulong epoch, byte[] proposalId, uint voter, bool yes)
        {
            TlsWriter w = new TlsWriter(64 + groupId.Length + proposalId.Length);
            w.VarBytes(groupId);
            w.U64(epoch);
            w.VarBytes(proposalId);
            w.U32(voter);
            w.U8(yes ? (byte)1 : (byte)0);
            return w.ToArray();
        }

        public static SignedVote Create(byte[] groupId, ulong epoch, byte[] proposalId, uint voter, bool yes, ReadOnlySpan<byte> signaturePrivate)
            => new SignedVote(groupId, epoch, proposalId, voter, yes, Suite.SignWithLabel(signaturePrivate, Label, Content(groupId, epoch, proposalId, voter, yes)));

        public bool Verify(ReadOnlySpan<byte> voterSignatureKey)
            => Suite.VerifyWithLabel(voterSignatureKey, Label, Content(GroupId, Epoch, ProposalId, Voter, Yes), Signature);

        public byte[] Encode()
        {
            TlsWriter w = new TlsWriter(160);
            w.Fixed(Content(GroupId, Epoch, ProposalId, Voter, Yes));
            w.VarBytes(Signature);
            return w.ToArray();
        }

        public static MlsError TryDecode(ReadOnlySpan<byte> data, out SignedVote? vote)
        {
            vote = null;
            TlsReader r = new TlsReader(data);
            byte[] groupId = r.VarBytesArray();
            ulong epoch = r.U64();
            byte[] proposalId = r.VarBytesArray();
            uint voter = r.U32();
            byte choice = r.U8();
            byte[] signature = r.VarBytesArray();
            r.ExpectEnd();
            if (!r.Ok)
            {
                return r.Error;
            }

            if (choice > 1 || proposalId.Length > MaxProposalId || signature.Length != 64)
            {
                return MlsError.InvalidValue;
            }

            vote = new SignedVote(groupId, epoch, proposalId, voter, choice == 1, signature);
            return MlsError.None;
        }
    }
}
