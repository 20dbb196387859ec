using System.Collections.Generic;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>What a client supports: versions, suites, extensions, proposals, credentials.</summary>
    internal sealed class Capabilities
    {
        public List<ushort> Versions { get; } = new List<ushort>();

        public List<ushort> CipherSuites { get; } = new List<ushort>();

        public List<ushort> Extensions { get; } = new List<ushort>();

        public List<ushort> Proposals { get; } = new List<ushort>();

        public List<ushort> Credentials { get; } = new List<ushort>();

        public static Capabilities Default()
        {
            Capabilities c = new Capabilities();
            c.Versions.Add(1);
            c.CipherSuites.Add(1);
            c.Credentials.Add(Credential.Basic);
            return c;
        }

        private static void ReadList(ref TlsReader r, List<ushort> list)
        {
            TlsReader v = r.VarVector();
            while (v.Ok && !v.IsEmpty)
            {
                list.Add(v.U16());
            }

            r.Merge(v);
        }

        private static void WriteList(TlsWriter w, List<ushort> list)
        {
            int mark = w.BeginVector();
            foreach (ushort x in list)
            {
                w.U16(x);
            }

            w.EndVector(mark);
        }

        public static Capabilities Read(ref TlsReader r)
        {
            Capabilities c = new Capabilities();
            ReadList(ref r, c.Versions);
            ReadList(ref r, c.CipherSuites);
            ReadList(ref r, c.Extensions);
            ReadList(ref r, c.Proposals);
            ReadList(ref r, c.Credentials);
            return c;
        }

        public void Write(TlsWriter w)
        {
            WriteList(w, Versions);
            WriteList(w, CipherSuites);
            WriteList(w, Extensions);
            WriteList(w, Proposals);
            WriteList(w, Credentials);
        }
    }
}
