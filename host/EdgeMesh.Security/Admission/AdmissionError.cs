namespace EdgeMesh.Security.Admission
{
    /// <summary>
    /// Why a certificate or revocation list was refused. <see cref="PeerAdmission"/> keeps one
    /// counter per value for certificates and one for revocation lists.
    /// </summary>
    public enum AdmissionError : byte
    {
        /// <summary>Accepted.</summary>
        None = 0,

        /// <summary>Wrong length, magic, reserved bits, roles, ordering or count.</summary>
        Malformed = 1,

        /// <summary>A document format version this build does not understand.</summary>
        UnsupportedVersion = 2,

        /// <summary>Issued for another fleet.</summary>
        WrongFleet = 3,

        /// <summary>The fleet root's signature does not verify.</summary>
        BadSignature = 4,

        /// <summary>The certificate's not-before time is in the future.</summary>
        NotYetValid = 5,

        /// <summary>The certificate's not-after time has passed.</summary>
        Expired = 6,

        /// <summary>The certificate's node is on the current revocation list.</summary>
        Revoked = 7,

        /// <summary>The certified public key yields the all-zero node id, which no node may use.</summary>
        InvalidNodeKey = 8,

        /// <summary>A revocation list whose version is not newer than the one in force.</summary>
        StaleRevocationList = 9,
    }
}
