using System;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// A publisher and a subscriber joined by the system under test (two EdgeMesh nodes, or two
    /// MQTT clients and a broker). The harness calls <see cref="Publish"/> from one thread and
    /// <see cref="Flush"/> after each burst; the link calls the receive callback from one thread.
    /// </summary>
    internal interface IBenchLink : IAsyncDisposable
    {
        /// <summary>What is measured, for the report: "edgemesh" or "mosquitto".</summary>
        string System { get; }

        /// <summary>Security mode or broker description, for the report.</summary>
        string Mode { get; }

        /// <summary>Sets up both ends (joins, subscribes) and starts calling <paramref name="onMessage"/> with each received payload.</summary>
        Task StartAsync(ReceiveHandler onMessage, CancellationToken cancellationToken);

        /// <summary>Publishes one payload (it may wait in a batch until <see cref="Flush"/>); false when the system refused it.</summary>
        bool Publish(ReadOnlySpan<byte> payload);

        /// <summary>Sends what <see cref="Publish"/> queued.</summary>
        void Flush();
    }

    /// <summary>Called with each payload the subscriber received.</summary>
    internal delegate void ReceiveHandler(ReadOnlySpan<byte> payload);
}
