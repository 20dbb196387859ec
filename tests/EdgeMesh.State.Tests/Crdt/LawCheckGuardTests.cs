using EdgeMesh.State.Codec;
using EdgeMesh.State.Crdt;
using EdgeMesh.State.Tests.Support;

namespace EdgeMesh.State.Tests.Crdt
{
    /// <summary>The law check must fail for a type that is not a lattice, or it proves nothing.</summary>
    public sealed class LawCheckGuardTests
    {
        [Fact]
        public void The_law_check_catches_a_merge_that_keeps_the_last_arrival()
        {
            Assert.ThrowsAny<Exception>(() => CrdtLawTests.Check(() => new LastArrivalModel()));
        }

        private sealed class LastArrivalModel : CrdtModel<LastArrival>
        {
            public override string Name => "LastArrival";

            public override LastArrival Operate(LastArrival state, ulong node, Random random)
            {
                var delta = new LastArrival { Value = (byte)random.Next(1, 200) };
                state.MergeFrom(delta);
                return delta;
            }
        }

        /// <summary>A register whose merge takes whatever arrives last: commutativity fails.</summary>
        private sealed class LastArrival : IDeltaCrdt<LastArrival>
        {
            public byte Value { get; set; }

            public bool IsEmpty => Value == 0;

            public static LastArrival CreateEmpty() => new LastArrival();

            public static StateError TryRead(ref StateReader reader, out LastArrival? value)
            {
                StateError e = reader.ReadByte(out byte b);
                value = e == StateError.None ? new LastArrival { Value = b } : null;
                return e;
            }

            public bool MergeFrom(LastArrival other)
            {
                bool changed = other.Value != Value && other.Value != 0;
                Value = other.Value == 0 ? Value : other.Value;
                return changed;
            }

            public LastArrival Clone() => new LastArrival { Value = Value };

            public void WriteTo(StateWriter writer) => writer.WriteByte(Value);
        }
    }
}
