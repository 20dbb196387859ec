using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Messages
{
    /// <summary>Who sent a message: a member leaf, an external sender slot, or a joining client.</summary>
    internal readonly struct Sender
    {
        public const byte Member = 1;
        public const byte External = 2;
        public const byte NewMemberProposal = 3;
        public const byte NewMemberCommit = 4;

        public Sender(byte type, uint index)
        {
            Type = type;
            Index = index;
        }

        public byte Type { get; }

        /// <summary>Leaf index for members, sender index for external senders.</summary>
        public uint Index { get; }

        public static Sender Read(ref TlsReader r)
        {
            byte type = r.U8();
            uint index = 0;
            if (type == Member || type == External)
            {
                index = r.U32();
            }
            else if (type != NewMemberProposal && type != NewMemberCommit)
            {
                r.Fail(MlsError.UnknownValue);
            }

            return new Sender(type, index);
        }

        public void Write(TlsWriter w)
        {
            w.U8(Type);
            if (Type == Member || Type == External)
            {
                w.U32(Index);
            }
        }
    }
}
