using System.Threading;

namespace EdgeMesh.Bridge.Status
{
    /// <summary>Per-rule counters, updated from the bridge's tasks without a lock.</summary>
    internal sealed class RuleCounters
    {
        private long _out;
        private long _in;
        private long _dropped;
        private long _rejected;
        private long _echoes;

        internal RuleCounters(string rule)
        {
            Rule = rule;
        }

        internal string Rule { get; }

        /// <summary>Messages the broker accepted from this rule (PUBACK for QoS 1, written for QoS 0).</summary>
        internal long Out => Interlocked.Read(ref _out);

        /// <summary>Messages from the broker the mesh accepted.</summary>
        internal long In => Interlocked.Read(ref _in);

        /// <summary>Messages dropped because a queue was full.</summary>
        internal long Dropped => Interlocked.Read(ref _dropped);

        /// <summary>Messages refused: bad payload, missing user property, mesh policy said no.</summary>
        internal long Rejected => Interlocked.Read(ref _rejected);

        /// <summary>Messages suppressed by loop and echo prevention.</summary>
        internal long Echoes => Interlocked.Read(ref _echoes);

        internal void CountOut() => Interlocked.Increment(ref _out);

        internal void CountIn() => Interlocked.Increment(ref _in);

        internal void CountDropped() => Interlocked.Increment(ref _dropped);

        internal void CountRejected() => Interlocked.Increment(ref _rejected);

        internal void CountEcho() => Interlocked.Increment(ref _echoes);

        internal RuleStatus Snapshot(long queued)
        {
            return new RuleStatus(Rule, In, Out, queued, Dropped, Rejected, Echoes);
        }
    }
}
