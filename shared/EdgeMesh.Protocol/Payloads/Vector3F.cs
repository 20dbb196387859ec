using EdgeMesh.Protocol.Internal;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Three single-precision components (a position in metres, a velocity in m/s or rad/s),
    /// carried as three big-endian IEEE 754 binary32 values, x first (docs/payloads.md §1.2).
    /// </summary>
    public readonly struct Vector3F
    {
        /// <summary>Bytes on the wire.</summary>
        public const int WireLength = 12;

        /// <summary>Creates a vector from its components.</summary>
        public Vector3F(float x, float y, float z)
        {
            X = x;
            Y = y;
            Z = z;
        }

        /// <summary>The x component.</summary>
        public float X { get; }

        /// <summary>The y component.</summary>
        public float Y { get; }

        /// <summary>The z component.</summary>
        public float Z { get; }

        /// <summary>True when no component is NaN or infinite.</summary>
        public bool IsFinite
        {
            get { return PayloadChecks.IsFinite(X) && PayloadChecks.IsFinite(Y) && PayloadChecks.IsFinite(Z); }
        }

        internal void Write(byte[] buffer, int offset)
        {
            BigEndian.WriteSingle(buffer, offset, X);
            BigEndian.WriteSingle(buffer, offset + 4, Y);
            BigEndian.WriteSingle(buffer, offset + 8, Z);
        }

        internal static Vector3F Read(byte[] buffer, int offset)
        {
            return new Vector3F(
                BigEndian.ReadSingle(buffer, offset),
                BigEndian.ReadSingle(buffer, offset + 4),
                BigEndian.ReadSingle(buffer, offset + 8));
        }
    }
}
