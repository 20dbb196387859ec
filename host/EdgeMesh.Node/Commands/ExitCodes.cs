namespace EdgeMesh.Node.Commands
{
    /// <summary>Exit codes of every <c>edgemesh</c> command (documented in the README).</summary>
    internal static class ExitCodes
    {
        /// <summary>The command did what was asked.</summary>
        internal const int Success = 0;

        /// <summary>The command ran but the outcome was a failure (e.g. a message not delivered, a direct message rejected).</summary>
        internal const int Failure = 1;

        /// <summary>Bad command-line usage: unknown option, value out of range.</summary>
        internal const int Usage = 2;

        /// <summary>A library that ships with the binary is missing (libsodium.so); the message says where it belongs.</summary>
        internal const int MissingDependency = 3;

        /// <summary>The node's local API could not be reached, refused the request (token) or answered with an error.</summary>
        internal const int Unavailable = 4;

        /// <summary>A wait ended before its goal (<c>sub --count N --timeout S</c> or <c>inbox --count N --wait S</c> got fewer than N messages; <c>send</c> had no acknowledgement within --timeout).</summary>
        internal const int Timeout = 5;
    }
}
