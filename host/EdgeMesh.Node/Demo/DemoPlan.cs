using System;
using System.Globalization;

namespace EdgeMesh.Node.Demo
{
    /// <summary>What a demo run will do: nodes, traffic duration and the publishing tick (telemetry every tick, a heartbeat every fifth).</summary>
    internal sealed class DemoPlan
    {
        /// <summary>Tick of the default rate.</summary>
        internal const int DefaultTickMs = 200;

        internal const int HeartbeatEveryTicks = 5;

        internal DemoPlan(int nodes, TimeSpan duration, int tickMs, string? note)
        {
            Nodes = nodes;
            Duration = duration;
            TickMs = tickMs;
            Note = note;
        }

        internal int Nodes { get; }

        internal TimeSpan Duration { get; }

        internal int TickMs { get; }

        /// <summary>Why the rate was lowered, for the person running it; null at the default rate.</summary>
        internal string? Note { get; }

        /// <summary>Publications per node per second.</summary>
        internal double Rate => (1000.0 / TickMs) * (1 + (1.0 / HeartbeatEveryTicks));

        /// <summary>The plan at the default rate, unsized (tests, and machines that have the room).</summary>
        internal static DemoPlan Default(int nodes, TimeSpan duration) => new(nodes, duration, DefaultTickMs, null);

        /// <summary>
        /// The plan that fits <paramref name="budget"/>: the default rate, a lower one with a note, or
        /// null with <paramref name="refusal"/> saying why and what would fit.
        /// </summary>
        internal static DemoPlan? Size(int nodes, TimeSpan duration, DemoBudget budget, out string refusal)
        {
            refusal = string.Empty;
            double rate = budget.RateFor(nodes);
            if (rate >= DemoBudget.DefaultRate)
            {
                return Default(nodes, duration);
            }

            string machine = Format($"{budget.Cores} core(s), {budget.AvailableCores:0.0} not busy with other programs, Ed25519 at {1 / budget.SpeedFactor:0.00}x the reference speed");
            if (rate < DemoBudget.MinimumRate)
            {
                refusal = Format($"{nodes} nodes in one process need about {budget.CoresNeeded(nodes, DemoBudget.MinimumRate):0.0} cores even at the lowest rate ({DemoBudget.MinimumRate} messages/s per node), and this machine ({machine}) has {budget.BudgetCores:0.0} to spare for the demo; try --nodes {budget.MaxNodes(DemoBudget.DefaultRate)} (full rate) or at most --nodes {budget.MaxNodes(DemoBudget.MinimumRate)} (lowest rate). docs/performance.md, \"Demo CPU budget\", has the figures.");
                return null;
            }

            // Lower the rate by stretching the tick: the traffic keeps its mix (telemetry, heartbeats, the motion command).
            int tick = (int)Math.Ceiling(DefaultTickMs * DemoBudget.DefaultRate / rate);
            var plan = new DemoPlan(nodes, duration, tick, null);
            string note = Format($"sized to this machine ({machine}): {plan.Rate:0.0} instead of {DemoBudget.DefaultRate:0} messages/s per node, so {nodes} nodes need about {budget.CoresNeeded(nodes, plan.Rate):0.0} of {budget.Cores} cores; --nodes {budget.MaxNodes(DemoBudget.DefaultRate)} runs at the full rate");
            return new DemoPlan(nodes, duration, tick, note);
        }

        private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
