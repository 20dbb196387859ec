using EdgeMesh.Protocol.Dedup;

namespace EdgeMesh.Protocol.Tests.Dedup
{
    public sealed class SequenceWindowTests
    {
        [Fact]
        public void Recorded_sequences_are_duplicates_and_others_in_the_window_are_new()
        {
            var window = new SequenceWindow(16, 2);
            Assert.Equal(128, window.WindowBits);
            foreach (ulong s in new ulong[] { 1000, 998, 900, 1001 })
            {
                Assert.Equal(SequenceVerdict.New, window.Check(7, s));
                window.Record(7, s);
                Assert.Equal(SequenceVerdict.Duplicate, window.Check(7, s));
            }

            Assert.Equal(SequenceVerdict.New, window.Check(7, 999));
            Assert.Equal(SequenceVerdict.New, window.Check(7, 874));
            Assert.Equal(SequenceVerdict.TooOld, window.Check(7, 873));
            Assert.Equal(SequenceVerdict.New, window.Check(8, 1000));
        }

        [Fact]
        public void Check_does_not_record()
        {
            var window = new SequenceWindow(4, 1);
            window.Record(1, 10);
            Assert.Equal(SequenceVerdict.New, window.Check(1, 5_000_000));
            Assert.Equal(SequenceVerdict.Duplicate, window.Check(1, 10));
        }

        [Fact]
        public void Matches_a_reference_model_under_random_reordering()
        {
            var random = new Random(7);
            var window = new SequenceWindow(64, 4);
            var recorded = new System.Collections.Generic.HashSet<ulong>();
            ulong highest = 0;
            bool any = false;
            for (int i = 0; i < 200_000; i++)
            {
                ulong sequence = (ulong)Math.Max(0, (long)highest + random.Next(-300, 40));
                SequenceVerdict expected = any && highest >= sequence && highest - sequence >= 256
                    ? SequenceVerdict.TooOld
                    : recorded.Contains(sequence) ? SequenceVerdict.Duplicate : SequenceVerdict.New;
                Assert.Equal(expected, window.Check(42, sequence));
                if (expected == SequenceVerdict.New)
                {
                    window.Record(42, sequence);
                    recorded.Add(sequence);
                    highest = any ? Math.Max(highest, sequence) : sequence;
                    any = true;
                }
            }
        }

        [Fact]
        public void Sender_table_is_bounded_and_counts_evictions()
        {
            var window = new SequenceWindow(8, 1);
            Assert.Equal(8, window.SenderCapacity);
            for (ulong sender = 1; sender <= 1000; sender++)
            {
                window.Record(sender, 5);
            }

            Assert.Equal(1000 - 8, window.Evictions);
            Assert.Equal(SequenceVerdict.Duplicate, window.Check(1000, 5));
        }
    }
}
