using System;

namespace EdgeMesh.Node.Commands
{
    /// <summary>The local API answered with an error a person should read.</summary>
    internal sealed class ApiException : Exception
    {
        public ApiException(string message)
            : base(message)
        {
        }

        public ApiException()
        {
        }

        public ApiException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
