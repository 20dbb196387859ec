using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Gossip.Tests
{
    public sealed class DeadlineQueueTests
    {
        [Fact]
        public void Items_come_out_by_due_time_then_in_scheduling_order()
        {
            var gen = Gen.ArrayOf(Gen.Choose(0, 50), 200);
            Prop.ForAll(gen.ToArbitrary(), times =>
            {
                var queue = new DeadlineQueue<int>();
                for (int i = 0; i < times.Length; i++)
                {
                    queue.Push(times[i], i);
                }

                var popped = new List<(long Due, int Item)>();
                while (queue.TryPop(out long due, out int item))
                {
                    popped.Add((due, item));
                }

                var expected = times.Select((t, i) => ((long)t, i)).OrderBy(p => p.Item1).ThenBy(p => p.i).ToList();
                return popped.SequenceEqual(expected) && queue.Count == 0 && queue.NextDue == long.MaxValue;
            }).QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Interleaved_pushes_and_pops_keep_the_order_and_reuse_slots()
        {
            var queue = new DeadlineQueue<string>();
            var random = new Random(3);
            long now = 0;
            for (int i = 0; i < 100_000; i++)
            {
                queue.Push(now + random.Next(1000), "item");
                if (i % 3 != 0)
                {
                    Assert.True(queue.TryPopDue(long.MaxValue, out string? item));
                    Assert.Equal("item", item);
                }

                Assert.True(queue.TryPeek(out long due, out _));
                Assert.True(due >= now);
                now = Math.Max(now, due - 500);
            }

            Assert.False(queue.TryPopDue(-1, out _));
        }

        [Fact]
        public void The_insertion_counter_wraps_without_changing_the_order()
        {
            // Start just below the 32-bit limit so that the queue renumbers while items wait.
            var queue = new DeadlineQueue<int>(uint.MaxValue - 5);
            var expected = new List<(long Due, int Item)>();
            var random = new Random(11);
            for (int i = 0; i < 40; i++)
            {
                long due = random.Next(5);
                queue.Push(due, i);
                expected.Add((due, i));
            }

            var popped = new List<(long Due, int Item)>();
            while (queue.TryPop(out long due, out int item))
            {
                popped.Add((due, item));
            }

            Assert.Equal(expected.OrderBy(p => p.Due).ThenBy(p => p.Item), popped);
        }
    }
}
