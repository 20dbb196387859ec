namespace EdgeMesh.Security.Admission
{
    /// <summary>Counts for counter arrays indexed by the admission enums.</summary>
    public static class AdmissionLimits
    {
        /// <summary>Number of <see cref="AdmissionError"/> values.</summary>
        public const int AdmissionErrorCount = 10;

        /// <summary>Most node ids one revocation list may hold (keeps it inside one frame payload).</summary>
        public const int MaxRevokedIds = 4096;
    }
}
