using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// Decides which refused peers are worth a log line: each (node id, reason) pair once, at most
    /// <see cref="LinesPerWindow"/> lines per <see cref="WindowMs"/>, so a node of another fleet or a
    /// revoked robot beaconing every second cannot flood the journal. Remembers at most
    /// <see cref="Capacity"/> pairs (then forgets them all: a pair may be logged again, never more
    /// often than the rate limit allows). Lines held back are counted in <see cref="Suppressed"/>
    /// and reported once per window. Sans-IO: the caller passes the time and writes the line.
    /// Not thread-safe (the node's lock).
    /// </summary>
    internal sealed class RefusalLog
    {
        internal const int Capacity = 1024;

        internal const int LinesPerWindow = 10;

        internal const long WindowMs = 60_000;

        private readonly HashSet<(ulong Peer, FrameVerdict Reason)> _logged = new();
        private long _windowStartMs;
        private bool _windowOpen;
        private int _linesInWindow;
        private long _suppressedInWindow;

        /// <summary>Refusals not logged because of the rate limit, in total.</summary>
        internal long Suppressed { get; private set; }

        /// <summary>Pairs forgotten because the table was full.</summary>
        internal long Forgotten { get; private set; }

        /// <summary>True when a refusal of a peer that presented itself as <paramref name="peer"/> for <paramref name="reason"/> should be logged now.</summary>
        /// <param name="peer">The id the frame claims.</param>
        /// <param name="reason">The verdict.</param>
        /// <param name="nowMs">The time.</param>
        /// <param name="suppressedBefore">Refusals held back in the window that just ended (log them as one line when non-zero).</param>
        internal bool ShouldLog(NodeId peer, FrameVerdict reason, long nowMs, out long suppressedBefore)
        {
            suppressedBefore = 0;
            if (!_windowOpen || nowMs - _windowStartMs >= WindowMs)
            {
                _windowOpen = true;
                suppressedBefore = _suppressedInWindow;
                _windowStartMs = nowMs;
                _linesInWindow = 0;
                _suppressedInWindow = 0;
            }

            if (_logged.Contains((peer.Value, reason)))
            {
                return false;
            }

            if (_linesInWindow >= LinesPerWindow)
            {
                _suppressedInWindow++;
                Suppressed++;
                return false;
            }

            if (_logged.Count >= Capacity)
            {
                Forgotten += _logged.Count;
                _logged.Clear();
            }

            _logged.Add((peer.Value, reason));
            _linesInWindow++;
            return true;
        }

        /// <summary>The refusal verdicts worth telling an operator about (a peer, not a packet, is the problem).</summary>
        internal static bool IsPeerRefusal(FrameVerdict verdict)
        {
            switch (verdict)
            {
                case FrameVerdict.SenderRevoked:
                case FrameVerdict.CertificateExpired:
                case FrameVerdict.CertificateRejected:
                case FrameVerdict.SenderMismatch:
                case FrameVerdict.BadSignature:
                case FrameVerdict.BadMac:
                case FrameVerdict.SecurityModeNotAllowed:
                case FrameVerdict.TimestampOutOfWindow:
                    return true;
                default:
                    return false;
            }
        }
    }
}
