using System.Collections.Concurrent;
using System.Threading;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Tests.Transport
{
    /// <summary>Collects what transports deliver, with waits that end as soon as the expected count arrived.</summary>
    internal sealed class RecordingReceiver : ILinkReceiver
    {
        private readonly SemaphoreSlim _received = new(0);
        private readonly SemaphoreSlim _linkEvents = new(0);

        internal ConcurrentQueue<(LinkChannel Channel, LinkAddress From, byte[] Bytes)> Received { get; } = new();

        internal ConcurrentQueue<(LinkAddress Link, bool Up)> LinkEvents { get; } = new();

        internal Action<LinkAddress, byte[]>? OnBytes { get; set; }

        public void OnReceive(LinkChannel channel, LinkAddress from, byte[] buffer, int offset, int count)
        {
            byte[] copy = buffer.AsSpan(offset, count).ToArray();
            Received.Enqueue((channel, from, copy));
            try
            {
                OnBytes?.Invoke(from, copy);
            }
            finally
            {
                _received.Release();
            }
        }

        public void OnLinkUp(LinkAddress link)
        {
            LinkEvents.Enqueue((link, true));
            _linkEvents.Release();
        }

        public void OnLinkDown(LinkAddress link)
        {
            LinkEvents.Enqueue((link, false));
            _linkEvents.Release();
        }

        internal bool WaitReceived(int count, int timeoutMs = 5_000)
        {
            return Wait(_received, count, timeoutMs);
        }

        internal bool WaitLinkEvents(int count, int timeoutMs = 5_000)
        {
            return Wait(_linkEvents, count, timeoutMs);
        }

        private static bool Wait(SemaphoreSlim semaphore, int count, int timeoutMs)
        {
            for (int i = 0; i < count; i++)
            {
                if (!semaphore.Wait(timeoutMs))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
