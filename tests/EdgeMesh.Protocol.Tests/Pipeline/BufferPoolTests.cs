using EdgeMesh.Protocol.Pipeline;

namespace EdgeMesh.Protocol.Tests.Pipeline
{
    public sealed class BufferPoolTests
    {
        [Fact]
        public void Exhaustion_is_a_counted_refusal_not_growth()
        {
            var pool = new BufferPool(2, 64);
            byte[]? a = pool.Rent();
            byte[]? b = pool.Rent();
            Assert.NotNull(a);
            Assert.NotNull(b);
            Assert.Null(pool.Rent());
            Assert.Equal(1, pool.Exhausted);
            Assert.True(pool.Return(a!));
            Assert.Same(a, pool.Rent());
        }

        [Fact]
        public void Foreign_and_surplus_returns_are_refused()
        {
            var pool = new BufferPool(1, 64);
            Assert.False(pool.Return(new byte[32]));
            Assert.False(pool.Return(new byte[64]));
            Assert.Equal(2, pool.RejectedReturns);
            Assert.Equal(1, pool.Available);
        }
    }
}
