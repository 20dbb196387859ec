namespace EdgeMesh.Firmware.Link
{
    /// <summary>What <see cref="SegmentLink.Send"/> did with a frame.</summary>
    public enum LinkSendResult
    {
        /// <summary>Sealed and queued for transmission.</summary>
        Queued = 0,

        /// <summary>Every transmit slot is taken: dropped (counted).</summary>
        QueueFull = 1,

        /// <summary>Longer than the link's maximum frame: dropped (counted).</summary>
        TooLarge = 2,

        /// <summary>Not a decodable MAC-mode frame: dropped (counted).</summary>
        Invalid = 3,
    }
}
