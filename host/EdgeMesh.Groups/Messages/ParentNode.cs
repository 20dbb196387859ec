using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>A ratchet-tree parent node: public key, parent hash and unmerged leaves.</summary>
    internal sealed class ParentNode
    {
        public byte[] EncryptionKey { get; set; } = Array.Empty<byte>();

        public byte[] ParentHash { get; set; } = Array.Empty<byte>();

        public List<uint> UnmergedLeaves { get; set; } = new List<uint>();

        public static ParentNode Read(ref TlsReader r)
        {
            ParentNode n = new ParentNode();
            n.EncryptionKey = r.VarBytesArray();
            n.ParentHash = r.VarBytesArray();
            TlsReader v = r.VarVector();
            while (v.Ok && !v.IsEmpty)
            {
                n.UnmergedLeaves.Add(v.U32());
            }

            r.Merge(v);
            return n;
        }

        public void Write(TlsWriter w)
        {
            w.VarBytes(EncryptionKey);
            w.VarBytes(ParentHash);
            int mark = w.BeginVector();
            foreach (uint leaf in UnmergedLeaves)
            {
                w.U32(leaf);
            }

            w.EndVector(mark);
        }

        public ParentNode Clone() => new ParentNode { EncryptionKey = EncryptionKey, ParentHash = ParentHash, UnmergedLeaves = new List<uint>(UnmergedLeaves) };
    }
}
