using System;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>PreSharedKeyID: an external PSK by id, or a resumption PSK by group and epoch, with a nonce.</summary>
    internal sealed class PreSharedKeyId
    {
        public const byte External = 1;
        public const byte Resumption = 2;

        public byte Type { get; set; } = External;

        public byte[] PskId { get; set; } = Array.Empty<byte>();

        public byte Usage { get; set; }

        public byte[] PskGroupId { get; set; } = Array.Empty<byte>();

        public ulong PskEpoch { get; set; }

        public byte[] Nonce { get; set; } = Array.Empty<byte>();

        public static PreSharedKeyId Read(ref TlsReader r)
        {
            PreSharedKeyId p = new PreSharedKeyId();
            p.Type = r.U8();
            if (p.Type == External)
            {
                p.PskId = r.VarBytesArray();
            }
            else if (p.Type == Resumption)
            {
                p.Usage = r.U8();
                if (p.Usage < 1 || p.Usage > 3)
                {
                    r.Fail(MlsError.UnknownValue);
                }

                p.PskGroupId = r.VarBytesArray();
                p.PskEpoch = r.U64();
            }
            else
            {
                r.Fail(MlsError.UnknownValue);
            }

            p.Nonce = r.VarBytesArray();
            return p;
        }

        public void Write(TlsWriter w)
        {
            w.U8(Type);
            if (Type == External)
            {
                w.VarBytes(PskId);
            }
            else
            {
                w.U8(Usage);
                w.VarBytes(PskGroupId);
                w.U64(PskEpoch);
            }

            w.VarBytes(Nonce);
        }
    }
}
