using System.Collections.Generic;
using EdgeMesh.State.Crdt;
using EdgeMesh.State.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.State.Tests.Crdt
{
    /// <summary>
    /// The lattice laws for every CRDT type, over replicas built by random operation histories
    /// (FsCheck draws the history seeds): merge is commutative, associative and idempotent; every
    /// delta mutator m satisfies m(X) = X ⊔ mδ(X); the encoding round-trips; and any order of the
    /// deltas, with duplicates, joins to the same state as merging the replicas.
    /// </summary>
    public sealed class CrdtLawTests
    {
        [Fact]
        public void GCounter_is_a_lattice() => Check(() => new GCounterModel());

        [Fact]
        public void PNCounter_is_a_lattice() => Check(() => new PNCounterModel());

        [Fact]
        public void ORSet_is_a_lattice() => Check(() => new ORSetModel());

        [Fact]
        public void LwwRegister_is_a_lattice() => Check(() => new LwwRegisterModel());

        [Fact]
        public void LwwMap_is_a_lattice() => Check(() => new LwwMapModel());

        [Fact]
        public void MVRegister_is_a_lattice() => Check(() => new MVRegisterModel());

        [Fact]
        public void ORMap_of_counters_is_a_lattice() => Check(() => new ORMapModel());

        [Fact]
        public void Nested_ORMap_is_a_lattice() => Check(() => new NestedMapModel());

        [Fact]
        public void SignedMap_is_a_lattice() => Check(() => new SignedMapModel());

        internal static void Check<T>(Func<CrdtModel<T>> createModel)
            where T : class, IDeltaCrdt<T>
        {
            Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 60).ToArbitrary(), (seed, operations) =>
            {
                History<T> h = History<T>.Run(createModel(), seed, operations);
                T a = h.Replicas[0];
                T b = h.Replicas[1];
                T c = h.Replicas[2];
                byte[] ab = CrdtModel<T>.Encode(Join(a, b));
                byte[] ba = CrdtModel<T>.Encode(Join(b, a));
                byte[] abC = CrdtModel<T>.Encode(Join(Join(a, b), c));
                byte[] aBc = CrdtModel<T>.Encode(Join(a, Join(b, c)));
                T aa = a.Clone();
                bool grew = aa.MergeFrom(a);
                byte[] roundTrip = CrdtModel<T>.Encode(CrdtModel<T>.Decode(CrdtModel<T>.Encode(a)));

                // Any order of all deltas, each delivered one to three times, reaches the join of the replicas.
                var random = new Random(seed);
                var deliveries = new List<T>();
                foreach (T d in h.Deltas)
                {
                    int copies = 1 + random.Next(3);
                    for (int i = 0; i < copies; i++)
                    {
                        deliveries.Add(d);
                    }
                }

                Shuffle(deliveries, random);
                T replay = T.CreateEmpty();
                foreach (T d in deliveries)
                {
                    replay.MergeFrom(d);
                }

                return ab.AsSpan().SequenceEqual(ba)
                    && abC.AsSpan().SequenceEqual(aBc)
                    && !grew
                    && CrdtModel<T>.Encode(aa).AsSpan().SequenceEqual(CrdtModel<T>.Encode(a))
                    && roundTrip.AsSpan().SequenceEqual(CrdtModel<T>.Encode(a))
                    && h.MutatorsInflate
                    && CrdtModel<T>.Encode(replay).AsSpan().SequenceEqual(abC);
            }).QuickCheckThrowOnFailure();
        }

        internal static T Join<T>(T x, T y)
            where T : class, IDeltaCrdt<T>
        {
            T r = x.Clone();
            r.MergeFrom(y);
            return r;
        }

        internal static void Shuffle<TItem>(List<TItem> list, Random random)
        {
            for (int i = list.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }
    }

    /// <summary>Three replicas that run random operations and now and then merge each other's state or deltas.</summary>
    internal sealed class History<T>
        where T : class, IDeltaCrdt<T>
    {
        public T[] Replicas { get; } = { T.CreateEmpty(), T.CreateEmpty(), T.CreateEmpty() };

        public List<T> Deltas { get; } = new List<T>();

        /// <summary>False when some mutator's result differed from the old state joined with its delta.</summary>
        public bool MutatorsInflate { get; private set; } = true;

        public static History<T> Run(CrdtModel<T> model, int seed, int operations)
        {
            var h = new History<T>();
            var random = new Random(seed);
            for (int n = 0; n < operations; n++)
            {
                int r = random.Next(3);
                if (random.Next(5) == 0)
                {
                    // Exchange: a replica learns another's state, or one earlier delta.
                    int from = random.Next(3);
                    T source = random.Next(2) == 0 || h.Deltas.Count == 0 ? h.Replicas[from] : h.Deltas[random.Next(h.Deltas.Count)];
                    h.Replicas[r].MergeFrom(source);
                    continue;
                }

                T before = h.Replicas[r].Clone();
                T delta = model.Operate(h.Replicas[r], (ulong)(r + 1) * 0x1111_0000_0000UL, random);
                before.MergeFrom(delta);
                if (!CrdtModel<T>.Encode(before).AsSpan().SequenceEqual(CrdtModel<T>.Encode(h.Replicas[r])))
                {
                    h.MutatorsInflate = false;
                }

                h.Deltas.Add(delta.Clone());
            }

            return h;
        }
    }
}
