using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>An UpdatePath: the committer's new leaf and one encrypted path secret per copath resolution node.</summary>
    internal sealed class UpdatePath
    {
        public LeafNode LeafNode { get; set; } = new LeafNode();

        public List<UpdatePathNode> Nodes { get; set; } = new List<UpdatePathNode>();

        public static UpdatePath Read(ref TlsReader r)
        {
            UpdatePath u = new UpdatePath { LeafNode = LeafNode.Read(ref r) };
            TlsReader v = r.VarVector();
            while (v.Ok && !v.IsEmpty)
            {
                UpdatePathNode node = new UpdatePathNode { EncryptionKey = v.VarBytesArray() };
                TlsReader c = v.VarVector();
                while (c.Ok && !c.IsEmpty)
                {
                    node.EncryptedPathSecret.Add(HpkeCiphertext.Read(ref c));
                }

                v.Merge(c);
                u.Nodes.Add(node);
            }

            r.Merge(v);
            return u;
        }

        public void Write(TlsWriter w)
        {
            LeafNode.Write(w);
            int mark = w.BeginVector();
            foreach (UpdatePathNode node in Nodes)
            {
                w.VarBytes(node.EncryptionKey);
                int inner = w.BeginVector();
                foreach (HpkeCiphertext c in node.EncryptedPathSecret)
                {
                    c.Write(w);
                }

                w.EndVector(inner);
            }

            w.EndVector(mark);
        }
    }
}
