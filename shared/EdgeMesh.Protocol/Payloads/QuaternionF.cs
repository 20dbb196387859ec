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

        // The vector part has the layout of a Vector3F; the scalar part follows it.
        internal void Write(byte[] buffer, int offset)
        {
            new Vector3F(X, Y, Z).Write(buffer, offset);
            BigEndian.WriteSingle(buffer, offset + Vector3F.WireLength, W);
        }

        internal static QuaternionF Read(byte[] buffer, int offset)
        {
            Vector3F v = Vector3F.Read(buffer, offset);
            return new QuaternionF(v.X, v.Y, v.Z, BigEndian.ReadSingle(buffer, offset + Vector3F.WireLength));
        }
    }
}
