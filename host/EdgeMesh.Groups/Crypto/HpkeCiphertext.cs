using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Crypto
{
    /// <summary>HPKECiphertext: the KEM output (the ephemeral public key) and the sealed body.</summary>
    internal sealed class HpkeCiphertext
    {
        public HpkeCiphertext(byte[] kemOutput, byte[] ciphertext)
        {
            KemOutput = kemOutput;
            Ciphertext = ciphertext;
        }

        public byte[] KemOutput { get; }

        public byte[] Ciphertext { get; }

        public void Write(TlsWriter w)
        {
            w.VarBytes(KemOutput);
            w.VarBytes(Ciphertext);
        }

        public static HpkeCiphertext Read(ref TlsReader r) => new HpkeCiphertext(r.VarBytesArray(), r.VarBytesArray());
    }
}
