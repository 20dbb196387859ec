using System.Collections.Generic;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>A Commit: the proposals it applies and an optional UpdatePath.</summary>
    internal sealed class Commit
    {
        public List<ProposalOrRef> Proposals { get; set; } = new List<ProposalOrRef>();

        public UpdatePath? Path { get; set; }

        public static Commit Read(ref TlsReader r)
        {
            Commit c = new Commit();
            TlsReader v = r.VarVector();
            while (v.Ok && !v.IsEmpty)
            {
                c.Proposals.Add(ProposalOrRef.Read(ref v));
            }

            r.Merge(v);
            if (r.Optional())
            {
                c.Path = UpdatePath.Read(ref r);
            }

            return c;
        }

        public void Write(TlsWriter w)
        {
            int mark = w.BeginVector();
            foreach (ProposalOrRef p in Proposals)
            {
                p.Write(w);
            }

            w.EndVector(mark);
            w.Optional(Path is not null);
            Path?.Write(w);
        }
    }
}
