namespace EdgeMesh.Protocol.Link
{
    /// <summary>Why <see cref="Reassembler"/> dropped a packet; each reason has its own counter.</summary>
    public enum ReassemblyRejection : byte
    {
        /// <summary>Not rejected.</summary>
        None = 0,

        /// <summary>Byte 0 is a reserved link marker other than the fragment marker (0xF0, 0xF2..0xFF).</summary>
        ReservedMarker = 1,

        /// <summary>Empty packet, a fragment shorter than its 5-byte header, or a fragment count below 2.</summary>
        BadHeader = 2,

        /// <summary>The fragment index is not below the fragment count.</summary>
        IndexOutOfRange = 3,

        /// <summary>The packet is longer than the link's MTU.</summary>
        PacketTooLarge = 4,

        /// <summary>A non-last fragment without exactly MTU-5 data bytes, or a last one without data.</summary>
        WrongFragmentSize = 5,

        /// <summary>The frame would exceed the reassembler's maximum frame length.</summary>
        FrameTooLarge = 6,

        /// <summary>The fragment count differs from the one of the datagram being reassembled.</summary>
        CountMismatch = 7,

        /// <summary>The fragment was already received (or its datagram already completed).</summary>
        Duplicate = 8,
    }
}
