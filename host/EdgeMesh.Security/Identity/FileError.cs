namespace EdgeMesh.Security.Identity
{
    /// <summary>Outcome of reading or writing a key, certificate or revocation list file. Each comes with a message for the user.</summary>
    public enum FileError : byte
    {
        /// <summary>Success.</summary>
        None = 0,

        /// <summary>The file or directory does not exist.</summary>
        NotFound = 1,

        /// <summary>A secret key file is accessible by group or others.</summary>
        PermissionsTooOpen = 2,

        /// <summary>The operating system refused the read or write (permissions, I/O error).</summary>
        IoError = 3,

        /// <summary>The content is not a valid file of the expected kind (bad length, magic or version).</summary>
        Malformed = 4,

        /// <summary>The key file holds a key for another purpose (a fleet key where a node key was expected).</summary>
        WrongPurpose = 5,

        /// <summary>The stored public key does not belong to the stored secret key.</summary>
        KeyMismatch = 6,

        /// <summary>The file exists and overwriting was not requested.</summary>
        AlreadyExists = 7,
    }
}
