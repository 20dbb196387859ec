using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// A local subscriber's queue of messages on some topics. Bounded: when full the oldest message
    /// is dropped and counted, so a slow reader never holds up the node. Dispose to unsubscribe.
    /// </summary>
    public sealed class Subscription : IDisposable
    {
        private readonly Channel<MeshMessage> _channel;
        private readonly Action<Subscription> _onDispose;
        private long _dropped;
        private int _disposed;

        internal Subscription(IReadOnlyDictionary<ulong, string> topics, int capacity, Action<Subscription> onDispose)
        {
            Topics = topics;
            _onDispose = onDispose;
            _channel = Channel.CreateBounded<MeshMessage>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Increment(ref _dropped));
        }

        /// <summary>Topic ids subscribed to, with the names the subscriber used.</summary>
        public IReadOnlyDictionary<ulong, string> Topics { get; }

        /// <summary>Messages in arrival order.</summary>
        public ChannelReader<MeshMessage> Reader => _channel.Reader;

        /// <summary>Messages dropped because the queue was full.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        /// <summary>Unsubscribes and completes the reader.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _channel.Writer.TryComplete();
                _onDispose(this);
            }
        }

        internal void Offer(MeshMessage message)
        {
            _channel.Writer.TryWrite(message);
        }
    }
}
