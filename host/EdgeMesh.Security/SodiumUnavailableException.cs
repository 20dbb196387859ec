using System;

namespace EdgeMesh.Security
{
    /// <summary>Thrown at start-up when libsodium cannot be loaded; the message says where the library belongs.</summary>
    public sealed class SodiumUnavailableException : Exception
    {
        /// <summary>Creates the exception with the start-up message.</summary>
        public SodiumUnavailableException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with a default message.</summary>
        public SodiumUnavailableException()
            : base(Sodium.MissingLibraryMessage("libsodium"))
        {
        }

        /// <summary>Creates the exception with a message and cause.</summary>
        public SodiumUnavailableException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
