namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Where a robot is: position in metres and orientation, in the fleet's map frame
    /// (docs/payloads.md §3). NaN components mean "not localised"; codecs carry them unchanged.
    /// </summary>
    public readonly struct Pose
    {
        /// <summary>Bytes on the wire: position then orientation.</summary>
        public const int WireLength = Vector3F.WireLength + QuaternionF.WireLength;

        /// <summary>Creates a pose.</summary>
        public Pose(Vector3F position, QuaternionF orientation)
        {
            Position = position;
            Orientation = orientation;
        }

        /// <summary>Position x, y, z in metres.</summary>
        public Vector3F Position { get; }

        /// <summary>Orientation quaternion x, y, z, w.</summary>
        public QuaternionF Orientation { get; }
    }
}
