using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>A proposal (RFC 9420 §12.1); only the fields of its <see cref="Type"/> are set.</summary>
    internal sealed class Proposal
    {
        public const ushort Add = 1;
        public const ushort Update = 2;
        public const ushort Remove = 3;
        public const ushort Psk = 4;
        public const ushort ReInit = 5;
        public const ushort ExternalInit = 6;
        public const ushort GroupContextExtensions = 7;

        public ushort Type { get; set; }

        public KeyPackage? KeyPackage { get; set; }

        public LeafNode? LeafNode { get; set; }

        public uint Removed { get; set; }

        public PreSharedKeyId? PskId { get; set; }

        public byte[] GroupId { get; set; } = Array.Empty<byte>();

        public ushort Version { get; set; }

        public ushort CipherSuite { get; set; }

        public List<Extension> Extensions { get; set; } = new List<Extension>();

        public byte[] KemOutput { get; set; } = Array.Empty<byte>();

        public static Proposal Read(ref TlsReader r)
        {
            ushort type = r.U16();
            return ReadBody(ref r, type);
        }

        public void Write(TlsWriter w)
        {
            w.U16(Type);
            WriteBody(w);
        }

        /// <summary>The proposal body without its type (the shape of the messages vectors' *_proposal fields).</summary>
        public void WriteBody(TlsWriter w)
        {
            switch (Type)
            {
                case Add:
                    KeyPackage!.Write(w);
                    break;
                case Update:
                    LeafNode!.Write(w);
                    break;
                case Remove:
                    w.U32(Removed);
                    break;
                case Psk:
                    PskId!.Write(w);
                    break;
                case ReInit:
                    w.VarBytes(GroupId);
                    w.U16(Version);
                    w.U16(CipherSuite);
                    Extension.WriteList(w, Extensions);
                    break;
                case ExternalInit:
                    w.VarBytes(KemOutput);
                    break;
                default:
                    Extension.WriteList(w, Extensions);
                    break;
            }
        }

        /// <summary>Reads a body whose type is known from context.</summary>
        public static Proposal ReadBody(ref TlsReader r, ushort type)
        {
            Proposal p = new Proposal { Type = type };
            switch (type)
            {
                case Add:
                    p.KeyPackage = Messages.KeyPackage.Read(ref r);
                    break;
                case Update:
                    p.LeafNode = Messages.LeafNode.Read(ref r);
                    break;
                case Remove:
                    p.Removed = r.U32();
                    break;
                case Psk:
                    p.PskId = PreSharedKeyId.Read(ref r);
                    break;
                case ReInit:
                    p.GroupId = r.VarBytesArray();
                    p.Version = r.U16();
                    p.CipherSuite = r.U16();
                    p.Extensions = Extension.ReadList(ref r);
                    break;
                case ExternalInit:
                    p.KemOutput = r.VarBytesArray();
                    break;
                case GroupContextExtensions:
                    p.Extensions = Extension.ReadList(ref r);
                    break;
                default:
                    r.Fail(MlsError.UnknownValue);
                    break;
            }

            return p;
        }
    }
}
