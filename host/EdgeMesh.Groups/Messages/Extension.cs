using System.Collections.Generic;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>An MLS extension: a type and opaque data, kept as received.</summary>
    internal sealed class Extension
    {
        public const ushort ApplicationId = 1;
        public const ushort RatchetTree = 2;
        public const ushort RequiredCapabilities = 3;
        public const ushort ExternalPub = 4;
        public const ushort ExternalSenders = 5;

        public Extension(ushort type, byte[] data)
        {
            Type = type;
            Data = data;
        }

        public ushort Type { get; }

        public byte[] Data { get; }

        public static List<Extension> ReadList(ref TlsReader r)
        {
            List<Extension> list = new List<Extension>();
            TlsReader v = r.VarVector();
            while (v.Ok && !v.IsEmpty)
            {
                ushort type = v.U16();
                byte[] data = v.VarBytesArray();
                list.Add(new Extension(type, data));
            }

            r.Merge(v);
            HashSet<ushort> seen = new HashSet<ushort>();
            foreach (Extension e in list)
            {
                if (!seen.Add(e.Type))
                {
                    r.Fail(MlsError.InvalidValue);
                }
            }

            return list;
        }

        public static void WriteList(TlsWriter w, List<Extension> list)
        {
            int mark = w.BeginVector();
            foreach (Extension e in list)
            {
                w.U16(e.Type);
                w.VarBytes(e.Data);
            }

            w.EndVector(mark);
        }

        public static Extension? Find(List<Extension> list, ushort type)
        {
            foreach (Extension e in list)
            {
                if (e.Type == type)
                {
                    return e;
                }
            }

            return null;
        }
    }
}
