using System.Collections.Generic;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>A member credential: basic (an identity) or X.509 (a certificate chain).</summary>
    internal sealed class Credential
    {
        public const ushort Basic = 1;
        public const ushort X509 = 2;

        public Credential(ushort type, byte[] identity, List<byte[]> certificates)
        {
            Type = type;
            Identity = identity;
            Certificates = certificates;
        }

        public ushort Type { get; }

        public byte[] Identity { get; }

        public List<byte[]> Certificates { get; }

        public static Credential BasicOf(byte[] identity) => new Credential(Basic, identity, new List<byte[]>());

        public static Credential Read(ref TlsReader r)
        {
            ushort type = r.U16();
            List<byte[]> certs = new List<byte[]>();
            byte[] identity = System.Array.Empty<byte>();
            if (type == Basic)
            {
                identity = r.VarBytesArray();
            }
            else if (type == X509)
            {
                TlsReader v = r.VarVector();
                while (v.Ok && !v.IsEmpty)
                {
                    certs.Add(v.VarBytesArray());
                }

                r.Merge(v);
            }
            else
            {
                r.Fail(MlsError.UnknownValue);
            }

            return new Credential(type, identity, certs);
        }

        public void Write(TlsWriter w)
        {
            w.U16(Type);
            if (Type == Basic)
            {
                w.VarBytes(Identity);
            }
            else
            {
                int mark = w.BeginVector();
                foreach (byte[] c in Certificates)
                {
                    w.VarBytes(c);
                }

                w.EndVector(mark);
            }
        }
    }
}
