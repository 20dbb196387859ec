namespace EdgeMesh.Security.Frames
{
    /// <summary>
    /// What <see cref="FrameVerifier"/> decided about one frame. Only <see cref="Accepted"/> frames go
    /// to the application; <see cref="Admitted"/> and <see cref="RevocationApplied"/> are consumed by
    /// the security layer; everything else is dropped. One counter per value.
    /// </summary>
    public enum FrameVerdict : byte
    {
        /// <summary>Authentic, admitted, fresh and new: deliver it.</summary>
        Accepted = 0,

        /// <summary>An admission frame carried a valid certificate of its signer, who is now admitted.</summary>
        Admitted = 1,

        /// <summary>An admission frame carried a newer revocation list from the fleet root, now in force.</summary>
        RevocationApplied = 2,

        /// <summary>An exact copy of a message already verified (a gossip duplicate): not verified or delivered again.</summary>
        Duplicate = 3,

        /// <summary>The header did not decode, or the range is not exactly one frame.</summary>
        Malformed = 4,

        /// <summary>Fewer bytes than header, payload and trailer need (a cut trailer, for instance).</summary>
        Truncated = 5,

        /// <summary>The frame's security mode is not the one this profile requires (an unsigned frame in production).</summary>
        SecurityModeNotAllowed = 6,

        /// <summary>The sender has presented no valid certificate for this fleet.</summary>
        UnknownSender = 7,

        /// <summary>The sender is on the revocation list in force.</summary>
        SenderRevoked = 8,

        /// <summary>The sender's certificate has expired.</summary>
        CertificateExpired = 9,

        /// <summary>The timestamp is further from the receiver's clock than the allowed skew (stale replay or bad clock).</summary>
        TimestampOutOfWindow = 10,

        /// <summary>The Ed25519 signature does not verify under the sender's certified key (forgery, tampering, impersonation).</summary>
        BadSignature = 11,

        /// <summary>The MAC does not verify under the segment key.</summary>
        BadMac = 12,

        /// <summary>Authentic, but the per-sender sequence window refused it (replayed or too old).</summary>
        Replayed = 13,

        /// <summary>An admission frame's certificate was refused (the reason is counted by <c>PeerAdmission</c>).</summary>
        CertificateRejected = 14,

        /// <summary>An admission frame presents a certificate for a node other than the frame's sender.</summary>
        SenderMismatch = 15,

        /// <summary>An admission frame's revocation list was refused (reason counted by <c>PeerAdmission</c>).</summary>
        RevocationListRejected = 16,
    }
}
