using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>Welcome: group secrets sealed to each new member's init key, and the encrypted GroupInfo.</summary>
    internal sealed class Welcome
    {
        public ushort CipherSuite { get; set; } = Suite.Id;

        public List<EncryptedGroupSecrets> Secrets { get; set; } = new List<EncryptedGroupSecrets>();

        public byte[] EncryptedGroupInfo { get; set; } = Array.Empty<byte>();

        public static Welcome Read(ref TlsReader r)
        {
            Welcome m = new Welcome { CipherSuite = r.U16() };
            TlsReader v = r.VarVector();
            while (v.Ok && !v.IsEmpty)
            {
                byte[] reference = v.VarBytesArray();
                m.Secrets.Add(new EncryptedGroupSecrets(reference, HpkeCiphertext.Read(ref v)));
            }

            r.Merge(v);
            m.EncryptedGroupInfo = r.VarBytesArray();
            return m;
        }

        public void Write(TlsWriter w)
        {
            w.U16(CipherSuite);
            int mark = w.BeginVector();
            foreach (EncryptedGroupSecrets s in Secrets)
            {
                w.VarBytes(s.NewMember);
                s.Encrypted.Write(w);
            }

            w.EndVector(mark);
            w.VarBytes(EncryptedGroupInfo);
        }
    }
}
