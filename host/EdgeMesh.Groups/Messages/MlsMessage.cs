using System;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>The MLSMessage envelope: version, wire format and one of five bodies.</summary>
    internal sealed class MlsMessage
    {
        public ushort WireFormat { get; set; }

        public PublicMessage? Public { get; set; }

        public PrivateMessage? Private { get; set; }

        public Welcome? Welcome { get; set; }

        public GroupInfo? GroupInfo { get; set; }

        public KeyPackage? KeyPackage { get; set; }

        /// <summary>Decodes a whole MLSMessage; never throws, reports why it refused.</summary>
        public static MlsError TryDecode(ReadOnlySpan<byte> data, out MlsMessage message)
        {
            TlsReader r = new TlsReader(data);
            message = Read(ref r);
            r.ExpectEnd();
            return r.Error;
        }

        public static MlsMessage Read(ref TlsReader r)
        {
            MlsMessage m = new MlsMessage();
            ushort version = r.U16();
            if (r.Ok && version != Suite.ProtocolVersion)
            {
                r.Fail(MlsError.Unsupported);
            }

            m.WireFormat = r.U16();
            switch (m.WireFormat)
            {
                case Messages.WireFormat.PublicMessage:
                    m.Public = PublicMessage.Read(ref r);
                    break;
                case Messages.WireFormat.PrivateMessage:
                    m.Private = PrivateMessage.Read(ref r);
                    break;
                case Messages.WireFormat.Welcome:
                    m.Welcome = Messages.Welcome.Read(ref r);
                    break;
                case Messages.WireFormat.GroupInfo:
                    m.GroupInfo = Messages.GroupInfo.Read(ref r);
                    break;
                case Messages.WireFormat.KeyPackage:
                    m.KeyPackage = Messages.KeyPackage.Read(ref r);
                    break;
                default:
                    r.Fail(MlsError.UnknownValue);
                    break;
            }

            return m;
        }

        public void Write(TlsWriter w)
        {
            w.U16(Suite.ProtocolVersion);
            w.U16(WireFormat);
            switch (WireFormat)
            {
                case Messages.WireFormat.PublicMessage:
                    Public!.Write(w);
                    break;
                case Messages.WireFormat.PrivateMessage:
                    Private!.Write(w);
                    break;
                case Messages.WireFormat.Welcome:
                    Welcome!.Write(w);
                    break;
                case Messages.WireFormat.GroupInfo:
                    GroupInfo!.Write(w);
                    break;
                default:
                    KeyPackage!.Write(w);
                    break;
            }
        }

        public byte[] Encode()
        {
            TlsWriter w = new TlsWriter(1024);
            Write(w);
            return w.ToArray();
        }
    }
}
