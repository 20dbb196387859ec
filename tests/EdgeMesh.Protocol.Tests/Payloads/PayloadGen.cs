using EdgeMesh.Protocol.Payloads;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    /// <summary>FsCheck generators for payload values; floats are drawn from all 2^32 bit patterns plus the special ones.</summary>
    internal static class PayloadGen
    {
        private static readonly uint[] SpecialFloatBits =
        {
            0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FFFFFFF,
            0x00000001, 0x007FFFFF, 0x7F7FFFFF, 0x3F800000, 0xBF800000, 0x3F3504F3,
        };

        internal static Gen<uint> UInt32 { get; } =
            from hi in Gen.Choose(0, 0xFFFF)
            from lo in Gen.Choose(0, 0xFFFF)
            select ((uint)hi << 16) | (uint)lo;

        internal static Gen<ushort> UInt16 { get; } = Gen.Choose(0, 0xFFFF).Select(v => (ushort)v);

        internal static Gen<byte> Byte { get; } = Gen.Choose(0, 0xFF).Select(v => (byte)v);

        internal static Gen<ulong> UInt64 { get; } =
            from hi in UInt32
            from lo in UInt32
            select ((ulong)hi << 32) | lo;

        internal static Gen<float> AnyFloat { get; } =
            Gen.Frequency(
                (3, UInt32.Select(BitConverter.UInt32BitsToSingle)),
                (1, Gen.Elements(SpecialFloatBits).Select(BitConverter.UInt32BitsToSingle)));

        internal static Gen<Vector3F> Vector { get; } =
            from x in AnyFloat
            from y in AnyFloat
            from z in AnyFloat
            select new Vector3F(x, y, z);

        /// <summary>Statuses and charges mostly valid, sometimes not, so both outcomes are exercised.</summary>
        internal static Gen<Heartbeat> Heartbeat { get; } =
            from status in Gen.Frequency((4, Gen.Choose(0, (int)NodeStatus.Maintenance)), (1, Gen.Elements(6, 7, 255)), (1, Gen.Choose(0, 255)))
            from charge in Gen.Frequency((4, Gen.Choose(0, 10000)), (1, Gen.Elements(0, 10000, 10001, 0xFFFE, 0xFFFF)), (1, Gen.Choose(0, 0xFFFF)))
            from millivolts in UInt16
            from uptime in UInt32
            from position in Vector
            from qx in AnyFloat
            from qy in AnyFloat
            from qz in AnyFloat
            from qw in AnyFloat
            select new Heartbeat((NodeStatus)status, (ushort)charge, millivolts, uptime, new Pose(position, new QuaternionF(qx, qy, qz, qw)));

        internal static Gen<MotionCommand> MotionCommand { get; } =
            from sequence in UInt32
            from linear in Vector
            from angular in Vector
            from duration in UInt32
            select new MotionCommand(sequence, linear, angular, duration);

        internal static Gen<string> AnyString { get; } =
            Gen.Frequency(
                (2, Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(a => new string(a))),
                (1, Gen.Elements('a', 'é', '✓', '\uD83E', '\uDD16', '\0', '\u07FF', '\u0800', '\uFFFF').ArrayOf().Select(a => new string(a))));

        internal static bool Same(float a, float b)
        {
            return BitConverter.SingleToUInt32Bits(a) == BitConverter.SingleToUInt32Bits(b);
        }

        internal static bool Same(Vector3F a, Vector3F b)
        {
            return Same(a.X, b.X) && Same(a.Y, b.Y) && Same(a.Z, b.Z);
        }

        internal static bool Same(QuaternionF a, QuaternionF b)
        {
            return Same(a.X, b.X) && Same(a.Y, b.Y) && Same(a.Z, b.Z) && Same(a.W, b.W);
        }

        internal static bool Same(in Heartbeat a, in Heartbeat b)
        {
            return a.Status == b.Status && a.StateOfCharge == b.StateOfCharge && a.BatteryMillivolts == b.BatteryMillivolts
                && a.UptimeSeconds == b.UptimeSeconds && Same(a.Pose.Position, b.Pose.Position) && Same(a.Pose.Orientation, b.Pose.Orientation);
        }

        internal static bool Same(in MotionCommand a, in MotionCommand b)
        {
            return a.Sequence == b.Sequence && a.DurationMs == b.DurationMs && Same(a.Linear, b.Linear) && Same(a.Angular, b.Angular);
        }

        /// <summary>Runs a property over many cases and throws with the counterexample on failure.</summary>
        internal static void Check<T>(Gen<T> gen, Func<T, bool> property, int maxTest = 2000)
        {
            Prop.ForAll(gen.ToArbitrary(), property).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
        }
    }
}
