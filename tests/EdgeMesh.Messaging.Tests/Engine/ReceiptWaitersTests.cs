using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Tests.Support;

namespace EdgeMesh.Messaging.Tests.Engine
{
    public sealed class ReceiptWaitersTests
    {
        [Fact]
        public async Task A_waiter_gets_its_receipt_whether_it_comes_before_or_after()
        {
            var waiters = new DmReceiptWaiters();
            Task<DmReceipt> early = waiters.WaitAsync(new DmRequestId(0, 1));
            Assert.False(early.IsCompleted);
            waiters.Publish(Receipt(1));
            Assert.Equal(new DmRequestId(0, 1), (await early).RequestId);

            waiters.Publish(Receipt(2)); // e.g. a loopback send, complete before anyone waits
            Task<DmReceipt> late = waiters.WaitAsync(new DmRequestId(0, 2));
            Assert.True(late.IsCompletedSuccessfully);
            Assert.Equal(0, waiters.Waiting);
        }

        [Fact]
        public async Task A_cancelled_wait_ends_and_frees_its_place()
        {
            var waiters = new DmReceiptWaiters(maxWaiting: 1);
            using var cancel = new CancellationTokenSource();
            Task<DmReceipt> wait = waiters.WaitAsync(new DmRequestId(0, 1), cancel.Token);
            Assert.Throws<InvalidOperationException>(() => { _ = waiters.WaitAsync(new DmRequestId(0, 2)); });
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            Assert.Equal(0, waiters.Waiting);
            waiters.Publish(Receipt(1)); // nobody waits any more: kept as recent
            Assert.True(waiters.WaitAsync(new DmRequestId(0, 1)).IsCompletedSuccessfully);
        }

        [Fact]
        public void Unclaimed_receipts_are_bounded_oldest_first()
        {
            var waiters = new DmReceiptWaiters(recentCapacity: 2);
            waiters.Publish(Receipt(1));
            waiters.Publish(Receipt(2));
            waiters.Publish(Receipt(3));
            Assert.Equal(1, waiters.RecentDropped);
            Assert.False(waiters.WaitAsync(new DmRequestId(0, 1), new CancellationToken(true)).IsCompletedSuccessfully);
            Assert.True(waiters.WaitAsync(new DmRequestId(0, 3)).IsCompletedSuccessfully);
        }

        private static DmReceipt Receipt(ulong id)
        {
            return new DmReceipt(new DmRequestId(0, id), new Protocol.Wire.NodeId(5), DmReceiptStatus.Accepted, DmPathKind.Direct, 1, DmRejectReason.None, string.Empty, TestIdentities.Epoch);
        }
    }
}
