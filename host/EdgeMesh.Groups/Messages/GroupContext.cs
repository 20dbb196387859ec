using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>GroupContext: the state every member agrees on in an epoch.</summary>
    internal sealed class GroupContext
    {
        public ushort Version { get; set; } = Suite.ProtocolVersion;

        public ushort CipherSuite { get; set; } = Suite.Id;

        public byte[] GroupId { get; set; } = Array.Empty<byte>();

        public ulong Epoch { get; set; }

        public byte[] TreeHash { get; set; } = Array.Empty<byte>();

        public byte[] ConfirmedTranscriptHash { get; set; } = Array.Empty<byte>();

        public List<Extension> Extensions { get; set; } = new List<Extension>();

        public static GroupContext Read(ref TlsReader r)
        {
            GroupContext g = new GroupContext();
            g.Version = r.U16();
            g.CipherSuite = r.U16();
            g.GroupId = r.VarBytesArray();
            g.Epoch = r.U64();
            g.TreeHash = r.VarBytesArray();
            g.ConfirmedTranscriptHash = r.VarBytesArray();
            g.Extensions = Extension.ReadList(ref r);
            return g;
        }

        public void Write(TlsWriter w)
        {
            w.U16(Version);
            w.U16(CipherSuite);
            w.VarBytes(GroupId);
            w.U64(Epoch);
            w.VarBytes(TreeHash);
            w.VarBytes(ConfirmedTranscriptHash);
            Extension.WriteList(w, Extensions);
        }

        public byte[] Encode()
        {
            TlsWriter w = new TlsWriter(256);
            Write(w);
            return w.ToArray();
        }

        public GroupContext With(ulong epoch, byte[] treeHash, byte[] confirmed, List<Extension> extensions)
            => new GroupContext { Version = Version, CipherSuite = CipherSuite, GroupId = GroupId, Epoch = epoch, TreeHash = treeHash, ConfirmedTranscriptHash = confirmed, Extensions = extensions };
    }
}
