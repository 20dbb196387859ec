using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>GroupSecrets sealed to a joiner: joiner secret, optional path secret, PSK ids.</summary>
    internal sealed class GroupSecrets : IDisposable
    {
        public byte[] JoinerSecret { get; set; } = Array.Empty<byte>();

        public byte[]? PathSecret { get; set; }

        public List<PreSharedKeyId> Psks { get; set; } = new List<PreSharedKeyId>();

        public static GroupSecrets Read(ref TlsReader r)
        {
            GroupSecrets g = new GroupSecrets { JoinerSecret = r.VarBytesArray() };
            if (r.Optional())
            {
                g.PathSecret = r.VarBytesArray();
            }

            TlsReader v = r.VarVector();
            while (v.Ok && !v.IsEmpty)
            {
                g.Psks.Add(PreSharedKeyId.Read(ref v));
            }

            r.Merge(v);
            return g;
        }

        public void Write(TlsWriter w)
        {
            w.VarBytes(JoinerSecret);
            w.Optional(PathSecret is not null);
            if (PathSecret is not null)
            {
                w.VarBytes(PathSecret);
            }

            int mark = w.BeginVector();
            foreach (PreSharedKeyId p in Psks)
            {
                p.Write(w);
            }

            w.EndVector(mark);
        }

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(JoinerSecret);
            if (PathSecret is not null)
            {
                CryptographicOperations.ZeroMemory(PathSecret);
            }
        }
    }
}
