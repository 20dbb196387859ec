using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Frames
{
    /// <summary>Start-up checks of the configured <see cref="SecurityProfile"/>.</summary>
    public static class SecurityProfiles
    {
        /// <summary>Logged at start, at warning level, whenever development mode is on.</summary>
        public const string DevelopmentWarning =
            "SECURITY WARNING: development mode is on. Frames are neither signed nor verified, any device in range can join "
            + "the mesh and impersonate any node. Use it only on an isolated lab network; switch to the production profile for real fleets.";

        /// <summary>The error when development mode is configured but not explicitly allowed.</summary>
        public const string DevelopmentNotAllowed =
            "development mode (no authentication) was requested but not explicitly allowed; "
            + "set the explicit development switch (for example --allow-insecure-development) to run without authentication.";

        /// <summary>
        /// Accepts a profile for start-up. Development mode is refused unless
        /// <paramref name="developmentExplicitlyAllowed"/>; when accepted, <paramref name="warning"/>
        /// is <see cref="DevelopmentWarning"/> and must be logged. Other profiles give an empty warning.
        /// </summary>
        /// <returns>False with the reason in <paramref name="warning"/> when the profile must not start.</returns>
        public static bool TryValidate(SecurityProfile profile, bool developmentExplicitlyAllowed, out string warning)
        {
            switch (profile)
            {
                case SecurityProfile.Production:
                case SecurityProfile.Lightweight:
                    warning = string.Empty;
                    return true;
                case SecurityProfile.Development:
                    warning = developmentExplicitlyAllowed ? DevelopmentWarning : DevelopmentNotAllowed;
                    return developmentExplicitlyAllowed;
                default:
                    warning = "unknown security profile " + (int)profile;
                    return false;
            }
        }

        /// <summary>The wire security mode frames carry in <paramref name="profile"/>.</summary>
        public static SecurityMode WireMode(SecurityProfile profile)
        {
            return profile switch
            {
                SecurityProfile.Production => SecurityMode.Signature,
                SecurityProfile.Lightweight => SecurityMode.Mac,
                _ => SecurityMode.None,
            };
        }
    }
}
