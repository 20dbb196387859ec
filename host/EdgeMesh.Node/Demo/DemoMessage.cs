using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Node.Demo
{
    /// <summary>One message of the demo: what to send, and how to encode its payload in place.</summary>
    internal sealed class DemoMessage
    {
        /// <summary>Encodes the payload at <c>offset</c> into at most <c>count</c> bytes.</summary>
        internal delegate FrameError PayloadEncoder(byte[] destination, int offset, int count, out int written);

        internal DemoMessage(string label, FrameKind kind, ulong destination, Priority priority, ushort payloadType, PayloadEncoder encode)
        {
            Label = label;
            Kind = kind;
            Destination = destination;
            Priority = priority;
            PayloadType = payloadType;
            Encode = encode;
        }

        internal string Label { get; }

        internal FrameKind Kind { get; }

        internal ulong Destination { get; }

        internal Priority Priority { get; }

        internal ushort PayloadType { get; }

        internal PayloadEncoder Encode { get; }
    }
}
