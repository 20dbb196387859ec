using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>Log events of revocation and of refused peers.</content>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "revocation list version {Version} in force ({Count} node(s) revoked, from {Source}); {Dropped} peer(s) dropped")]
        internal static partial void RevocationApplied(ILogger logger, ulong version, int count, string source, int dropped);

        [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "revocation list refused ({Reason}) from {Source}")]
        internal static partial void RevocationRefused(ILogger logger, string reason, string source);

        [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "revocation list version {Version} is in force but could not be saved: {Problem}")]
        internal static partial void RevocationNotSaved(ILogger logger, ulong version, string problem);

        [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "refused peer {Peer} at {Address}: {Reason}")]
        internal static partial void PeerRefused(ILogger logger, string peer, string address, string reason);

        [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "{Suppressed} more refusal(s) not logged in the last minute (rate limit); see counters.rejected")]
        internal static partial void RefusalsSuppressed(ILogger logger, long suppressed);
    }
}
