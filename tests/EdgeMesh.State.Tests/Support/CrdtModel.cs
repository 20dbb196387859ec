using System.Collections.Generic;
using EdgeMesh.State.Clocks;
using EdgeMesh.State.Codec;
using EdgeMesh.State.Crdt;

namespace EdgeMesh.State.Tests.Support
{
    /// <summary>Random operations on one CRDT type, for the property tests: small key and value pools so that writes collide.</summary>
    internal abstract class CrdtModel<T>
        where T : class, IDeltaCrdt<T>
    {
        private readonly Dictionary<ulong, HybridLogicalClock> _clocks = new Dictionary<ulong, HybridLogicalClock>();

        public abstract string Name { get; }

        /// <summary>Runs one random delta mutator on <paramref name="state"/> as <paramref name="node"/> and returns the delta.</summary>
        public abstract T Operate(T state, ulong node, Random random);

        public static byte[] Encode(T value)
        {
            var writer = new StateWriter();
            value.WriteTo(writer);
            return writer.ToArray();
        }

        public static T Decode(byte[] bytes)
        {
            var reader = new StateReader(bytes);
            StateError error = T.TryRead(ref reader, out T? value);
            Assert.Equal(StateError.None, error);
            Assert.Equal(0, reader.Remaining);
            return value!;
        }

        protected static string Pick(Random random, string prefix, int pool)
        {
            return prefix + random.Next(pool);
        }

        protected static byte[] Bytes(Random random)
        {
            byte[] b = new byte[random.Next(4)];
            random.NextBytes(b);
            return b;
        }

        protected HybridTimestamp Stamp(ulong node, Random random)
        {
            if (!_clocks.TryGetValue(node, out HybridLogicalClock? clock))
            {
                clock = new HybridLogicalClock(node);
                _clocks.Add(node, clock);
            }

            // Wall times from a narrow window, so equal milliseconds across nodes are common.
            return clock.Now(1_000 + random.Next(20));
        }
    }

    internal sealed class GCounterModel : CrdtModel<GCounter>
    {
        public override string Name => "GCounter";

        public override GCounter Operate(GCounter state, ulong node, Random random) => state.Increment(node, (ulong)random.Next(1, 5));
    }

    internal sealed class PNCounterModel : CrdtModel<PNCounter>
    {
        public override string Name => "PNCounter";

        public override PNCounter Operate(PNCounter state, ulong node, Random random) => state.Add(node, random.Next(-5, 6));
    }

    internal sealed class ORSetModel : CrdtModel<ORSet>
    {
        public override string Name => "ORSet";

        public override ORSet Operate(ORSet state, ulong node, Random random)
        {
            string e = Pick(random, "e", 5);
            return random.Next(3) == 0 ? state.Remove(e) : state.Add(node, e);
        }
    }

    internal sealed class LwwRegisterModel : CrdtModel<LwwRegister>
    {
        public override string Name => "LwwRegister";

        public override LwwRegister Operate(LwwRegister state, ulong node, Random random) => state.Set(Bytes(random), Stamp(node, random));
    }

    internal sealed class LwwMapModel : CrdtModel<LwwMap>
    {
        public override string Name => "LwwMap";

        public override LwwMap Operate(LwwMap state, ulong node, Random random)
        {
            string k = Pick(random, "k", 6);
            return random.Next(3) == 0 ? state.Remove(k, Stamp(node, random)) : state.Set(k, Bytes(random), Stamp(node, random));
        }
    }

    internal sealed class MVRegisterModel : CrdtModel<MVRegister>
    {
        public override string Name => "MVRegister";

        public override MVRegister Operate(MVRegister state, ulong node, Random random) => random.Next(5) == 0 ? state.Clear() : state.Write(node, Bytes(random));
    }

    internal sealed class ORMapModel : CrdtModel<ORMap<PNCounter>>
    {
        public override string Name => "ORMap<PNCounter>";

        public override ORMap<PNCounter> Operate(ORMap<PNCounter> state, ulong node, Random random)
        {
            string k = Pick(random, "m", 4);
            int amount = random.Next(-3, 4);
            return random.Next(4) == 0 ? state.Remove(k) : state.Update(node, k, c => c.Add(node, amount));
        }
    }

    internal sealed class NestedMapModel : CrdtModel<ORMap<ORMap<ORSet>>>
    {
        public override string Name => "ORMap<ORMap<ORSet>>";

        public override ORMap<ORMap<ORSet>> Operate(ORMap<ORMap<ORSet>> state, ulong node, Random random)
        {
            string outer = Pick(random, "o", 3);
            string inner = Pick(random, "i", 3);
            string e = Pick(random, "e", 3);
            return random.Next(5) switch
            {
                0 => state.Remove(outer),
                1 => state.Update(node, outer, m => m.Remove(inner)),
                2 => state.Update(node, outer, m => m.Update(node, inner, s => s.Remove(e))),
                _ => state.Update(node, outer, m => m.Update(node, inner, s => s.Add(node, e))),
            };
        }
    }
}

namespace EdgeMesh.State.Tests.Support
{
    using EdgeMesh.Security;
    using EdgeMesh.State.Fleet;

    /// <summary>Signed writes and removals by three authors (signatures are real; certificates are placeholders the merge does not read).</summary>
    internal sealed class SignedMapModel : CrdtModel<SignedMap>
    {
        private static readonly Ed25519KeyPair[] Authors = { Ed25519KeyPair.Generate(), Ed25519KeyPair.Generate(), Ed25519KeyPair.Generate(), Ed25519KeyPair.Generate() };

        public override string Name => "SignedMap";

        public override SignedMap Operate(SignedMap state, ulong node, Random random)
        {
            string key = Pick(random, "config/k", 4);
            HybridTimestamp ts = Stamp(node, random);
            byte[]? value = random.Next(4) == 0 ? null : Bytes(random);
            int author = (int)(node >> 40) % Authors.Length;
            SignedEntry entry = SignedEntry.Create(key, value, ts, state.SupersedesFor(key, node), Authors[author]);
            byte[] cert = new byte[EdgeMesh.Security.Admission.NodeCertificate.Length];
            cert[0] = (byte)random.Next(2);
            SignedMap delta = SignedMap.Single(entry, cert);
            state.MergeFrom(delta);
            return delta;
        }
    }
}
