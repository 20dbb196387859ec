using EdgeMesh.Protocol.Internal;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// An orientation as a unit quaternion, carried as four big-endian binary32 values in the
    /// order x, y, z, w (docs/payloads.md §3). Codecs do not normalise or check it: they carry
    /// the sender's bits unchanged.
    /// </summary>
    public readonly struct QuaternionF
    {
        /// <summary>Bytes on the wire.</summary>
        public const int WireLength = 16;

        /// <summary>Creates a quaternion from its components.</summary>
        public QuaternionF(float x, float y, float z, float w)
        {
            X = x;
            Y = y;
            Z = z;
            W = w;
        }

        /// <summary>The identity rotation (0, 0, 0, 1).</summary>
        public static QuaternionF Identity
        {
            get { return new QuaternionF(0f, 0f, 0f, 1f); }
        }

        /// <summary>The x component of the vector part.</summary>
        public float X { get; }

        /// <summary>The y component of the vector part.</summary>
        public float Y { get; }

        /// <summary>The z component of the vector part.</summary>
        public float Z { get; }

        /// <summary>The scalar part.</summary>
        public float W { get; }

        internal void Write(byte[] buffer, int offset)
        {
            BigEndian.WriteSingle(buffer, offset, X);
            BigEndian.WriteSingle(buffer, offset + 4, Y);
            BigEndian.WriteSingle(buffer, offset + 8, Z);
            BigEndian.WriteSingle(buffer, offset + 12, W);
        }

        internal static QuaternionF Read(byte[] buffer, int offset)
        {
            return new QuaternionF(
                BigEndian.ReadSingle(buffer, offset),
                BigEndian.ReadSingle(buffer, offset + 4),
                BigEndian.ReadSingle(buffer, offset + 8),
                BigEndian.ReadSingle(buffer, offset + 12));
        }
    }
}
