using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Gossip.Tests.Simulation
{
    public sealed class EventQueueTests
    {
        [Fact]
        public void Events_come_out_by_time_then_in_scheduling_order()
        {
            var gen = Gen.ArrayOf(Gen.Choose(0, 50), 200);
            Prop.ForAll(gen.ToArbitrary(), times =>
            {
                var queue = new EventQueue();
                for (int i = 0; i < times.Length; i++)
                {
                    queue.Push(new SimEvent { TimeUs = times[i], Node = i });
                }

                var popped = new List<(long Time, int Node)>();
                while (queue.TryPop(out SimEvent e))
                {
                    popped.Add((e.TimeUs, e.Node));
                }

                var expected = times.Select((t, i) => ((long)t, i)).OrderBy(p => p.Item1).ThenBy(p => p.i).ToList();
                return popped.SequenceEqual(expected);
            }).QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Interleaved_pushes_and_pops_keep_the_order()
        {
            var queue = new EventQueue();
            var random = new Random(3);
            long now = 0;
            for (int i = 0; i < 100_000; i++)
            {
                queue.Push(new SimEvent { TimeUs = now + random.Next(1000) });
                if (i % 3 != 0)
                {
                    Assert.True(queue.TryPop(out SimEvent e));
                    Assert.True(e.TimeUs >= now);
                    now = e.TimeUs;
                }
            }
        }
    }
}
