using EdgeMesh.Node.Bench;

namespace EdgeMesh.Node.Tests.Bench
{
    public sealed class LatencyHistogramTests
    {
        [Fact]
        public void Percentiles_are_nearest_rank_within_one_thirty_second_of_the_value()
        {
            var histogram = new LatencyHistogram();
            for (long v = 1; v <= 100_000; v++)
            {
                histogram.Record(v * 1000);
            }

            AssertClose(50_000_000, histogram.Percentile(0.50));
            AssertClose(99_000_000, histogram.Percentile(0.99));
            AssertClose(99_900_000, histogram.Percentile(0.999));
            Assert.Equal(100_000_000, histogram.Percentile(1.0));
            Assert.Equal(100_000, histogram.Count);
        }

        [Fact]
        public void Small_values_are_exact_and_an_empty_histogram_reports_zero()
        {
            var histogram = new LatencyHistogram();
            Assert.Equal(0, histogram.Percentile(0.5));
            foreach (long v in new long[] { 3, 1, 2, -5 })
            {
                histogram.Record(v);
            }

            Assert.Equal(1, histogram.Percentile(0.5));
            Assert.Equal(3, histogram.Percentile(0.99));
        }

        [Fact]
        public void Every_bucket_holds_the_values_it_is_indexed_by()
        {
            for (long v = 0; v < 1 << 20; v += 1 + (v >> 6))
            {
                int index = LatencyHistogram.Index(v);
                Assert.True(LatencyHistogram.UpperBound(index) >= v);
                Assert.True(index == 0 || LatencyHistogram.UpperBound(index - 1) < v);
            }

            Assert.True(LatencyHistogram.Index(long.MaxValue) < 64 * 32);
        }

        private static void AssertClose(long expected, long actual)
        {
            Assert.InRange(actual, expected, expected + (expected / 32));
        }
    }
}
