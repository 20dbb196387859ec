using System;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>A commit's entry: a proposal by value or a reference to one sent earlier.</summary>
    internal sealed class ProposalOrRef
    {
        public const byte ByValue = 1;
        public const byte ByReference = 2;

        public byte Kind { get; set; }

        public Proposal? Proposal { get; set; }

        public byte[] Reference { get; set; } = Array.Empty<byte>();

        public static ProposalOrRef Read(ref TlsReader r)
        {
            ProposalOrRef p = new ProposalOrRef { Kind = r.U8() };
            if (p.Kind == ByValue)
            {
                p.Proposal = Proposal.Read(ref r);
            }
            else if (p.Kind == ByReference)
            {
                p.Reference = r.VarBytesArray();
            }
            else
            {
                r.Fail(MlsError.UnknownValue);
            }

            return p;
        }

        public void Write(TlsWriter w)
        {
            w.U8(Kind);
            if (Kind == ByValue)
            {
                Proposal!.Write(w);
            }
            else
            {
                w.VarBytes(Reference);
            }
        }
    }
}
