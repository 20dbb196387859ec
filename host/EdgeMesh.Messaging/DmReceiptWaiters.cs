using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Messaging
{
    /// <summary>
    /// Turns receipts into awaitable results for callers on other threads: the messenger's owner
    /// <see cref="Publish"/>es every receipt it takes, callers <see cref="WaitAsync"/> for the request id
    /// <see cref="DirectMessenger.Send"/> gave them. A receipt that comes before its waiter (a loopback
    /// send completes inside <c>Send</c>) is kept among the most recent ones. Thread-safe and bounded:
    /// at most <see cref="MaxWaiting"/> waiters and <see cref="RecentCapacity"/> unclaimed receipts.
    /// </summary>
    public sealed class DmReceiptWaiters
    {
        private readonly object _gate = new object();
        private readonly Dictionary<DmRequestId, Waiter> _waiting = new Dictionary<DmRequestId, Waiter>();
        private readonly Dictionary<DmRequestId, DmReceipt> _recent = new Dictionary<DmRequestId, DmReceipt>();
        private readonly Queue<DmRequestId> _recentOrder = new Queue<DmRequestId>();

        /// <summary>Creates an empty set.</summary>
        /// <param name="recentCapacity">Unclaimed receipts kept for late waiters (1..1,000,000); the oldest go first.</param>
        /// <param name="maxWaiting">Most outstanding waiters (1..1,000,000).</param>
        public DmReceiptWaiters(int recentCapacity = 1024, int maxWaiting = 4096)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(recentCapacity, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(recentCapacity, 1_000_000);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxWaiting, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(maxWaiting, 1_000_000);
            RecentCapacity = recentCapacity;
            MaxWaiting = maxWaiting;
        }

        /// <summary>Unclaimed receipts kept at most.</summary>
        public int RecentCapacity { get; }

        /// <summary>Outstanding waiters allowed at most.</summary>
        public int MaxWaiting { get; }

        /// <summary>Outstanding waiters now.</summary>
        public int Waiting
        {
            get
            {
                lock (_gate)
                {
                    return _waiting.Count;
                }
            }
        }

        /// <summary>Unclaimed receipts dropped because newer ones needed the room.</summary>
        public long RecentDropped { get; private set; }

        /// <summary>
        /// Completes with the receipt of <paramref name="id"/>. Pass a token with a deadline: an id that
        /// never gets a receipt (unknown, or its receipt dropped long ago) waits until cancelled. A second
        /// caller for the same id shares the first one's wait (and its cancellation). Throws <see cref="InvalidOperationException"/> when <see cref="MaxWaiting"/> waiters are outstanding.
        /// </summary>
        public Task<DmReceipt> WaitAsync(DmRequestId id, CancellationToken cancellationToken = default)
        {
            Waiter waiter;
            lock (_gate)
            {
                if (_recent.Remove(id, out DmReceipt? done))
                {
                    return Task.FromResult(done);
                }

                if (_waiting.TryGetValue(id, out Waiter? existing))
                {
                    return existing.Completion.Task.WaitAsync(cancellationToken);
                }

                if (_waiting.Count >= MaxWaiting)
                {
                    throw new InvalidOperationException("too many callers are waiting for direct-message receipts (" + MaxWaiting + ")");
                }

                waiter = new Waiter();
                _waiting.Add(id, waiter);
            }

            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.Register(() => Cancel(id, waiter, cancellationToken));
            }

            return waiter.Completion.Task;
        }

        /// <summary>Hands a receipt to its waiter, or keeps it for one that comes later.</summary>
        public void Publish(DmReceipt receipt)
        {
            ArgumentNullException.ThrowIfNull(receipt);
            Waiter? waiter;
            lock (_gate)
            {
                if (!_waiting.Remove(receipt.RequestId, out waiter))
                {
                    if (_recent.TryAdd(receipt.RequestId, receipt))
                    {
                        _recentOrder.Enqueue(receipt.RequestId);
                    }

                    // The order queue may name ids already claimed; it never exceeds the capacity.
                    while (_recentOrder.Count > RecentCapacity)
                    {
                        if (_recent.Remove(_recentOrder.Dequeue()))
                        {
                            RecentDropped++;
                        }
                    }

                    return;
                }
            }

            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(receipt);
        }

        private void Cancel(DmRequestId id, Waiter waiter, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_waiting.TryGetValue(id, out Waiter? current) && current == waiter)
                {
                    _waiting.Remove(id);
                }
            }

            waiter.Completion.TrySetCanceled(cancellationToken);
        }

        private sealed class Waiter
        {
            internal TaskCompletionSource<DmReceipt> Completion { get; } = new TaskCompletionSource<DmReceipt>(TaskCreationOptions.RunContinuationsAsynchronously);

            internal CancellationTokenRegistration Registration { get; set; }
        }
    }
}
