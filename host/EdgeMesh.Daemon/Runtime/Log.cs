using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>The runtime's log events (source-generated: no boxing or formatting when disabled).</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "node {Id} up: mode {Mode}, udp {Udp}, tcp {Tcp}, discovery {Discovery}, mesh protocol attached: {Mesh}")]
        internal static partial void NodeUp(ILogger logger, EdgeMesh.Protocol.Wire.NodeId id, string mode, System.Net.IPEndPoint udp, System.Net.IPEndPoint? tcp, EdgeMesh.Transport.LinkAddress? discovery, bool mesh);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "node {Id} stopped")]
        internal static partial void NodeStopped(ILogger logger, EdgeMesh.Protocol.Wire.NodeId id);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Warning}")]
        internal static partial void DevelopmentMode(ILogger logger, string warning);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "bootstrap {Endpoint}: the host does not resolve; skipped")]
        internal static partial void BootstrapUnresolved(ILogger logger, EdgeMesh.Transport.PeerEndpoint endpoint);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "peer {Peer} at {Address}")]
        internal static partial void PeerLearnt(ILogger logger, EdgeMesh.Protocol.Wire.NodeId peer, EdgeMesh.Transport.LinkAddress address);

        [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "tcp link {Link} {State}")]
        internal static partial void LinkState(ILogger logger, EdgeMesh.Transport.LinkAddress link, string state);

        [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "local api on http://{EndPoint}")]
        internal static partial void ApiUp(ILogger logger, System.Net.IPEndPoint endPoint);

        [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "direct messages: {Resumed} resumed from the outbox, {Expired} expired while the node was down")]
        internal static partial void OutboxRestored(ILogger logger, int resumed, int expired);

        [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "direct-message outbox: {Problem}")]
        internal static partial void OutboxProblem(ILogger logger, string problem);

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "ready in {Milliseconds:0} ms after process start ({Steps})")]
        internal static partial void Ready(ILogger logger, double milliseconds, string steps);

        [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "direct messages: {Restored} received but untaken reloaded from the inbox")]
        internal static partial void InboxRestored(ILogger logger, int restored);

        [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "direct-message inbox: {Problem}")]
        internal static partial void InboxProblem(ILogger logger, string problem);

        [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "{Socket}: {Error}")]
        internal static partial void SocketError(ILogger logger, string socket, string error);
    }
}
