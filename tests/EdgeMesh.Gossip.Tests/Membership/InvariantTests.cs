using EdgeMesh.Gossip.Membership;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Gossip.Tests.Membership
{
    /// <summary>Properties that must hold for any seed, size and fault mix (checked every simulated half second).</summary>
    public sealed class InvariantTests
    {
        private static readonly Gen<(int Seed, int Nodes, int LossPercent, int FailPercent)> Runs =
            from seed in Gen.Choose(1, 1_000_000)
            from nodes in Gen.Choose(12, 40)
            from loss in Gen.Elements(0, 0, 5, 10)
            from fail in Gen.Elements(0, 10, 20)
            select (seed, nodes, loss, fail);

        [Fact]
        public void Views_stay_within_bounds_never_hold_self_and_never_repeat_a_peer()
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(Runs.ToArbitrary(), run =>
            {
                var scenario = Scenario(run, 0.1);
                string? violation = null;
                Every(scenario, 500_000, sim => violation ??= ViewViolation(sim, scenario.Simulator.NodeCount));
                ScenarioReport report = scenario.Run();
                return (violation == null && report.DuplicateDeliveries == 0).Label(violation ?? "duplicate delivery");
            }));
        }

        [Fact]
        public void Without_loss_active_views_become_symmetric_and_dead_nodes_leave_every_view()
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Runs.ToArbitrary(), run =>
            {
                var scenario = Scenario((run.Seed, run.Nodes, 0, run.FailPercent), 0);
                ScenarioReport report = scenario.Run();
                NetworkSimulator sim = scenario.Simulator;
                return (OverlayChecks.AsymmetricLinks(sim) == 0).Label("asymmetric links: " + OverlayChecks.AsymmetricLinks(sim))
                    .And((OverlayChecks.CountDownInViews(sim) == 0).Label("dead nodes still in views: " + OverlayChecks.CountDownInViews(sim)))
                    .And((OverlayChecks.Components(sim) == 1).Label("overlay split"))
                    .And((report.DeliveryRatio == 1.0).Label("delivery " + report.DeliveryRatio));
            }));
        }

        private static GossipScenario Scenario((int Seed, int Nodes, int LossPercent, int FailPercent) run, double churn)
        {
            return new GossipScenario(new ScenarioOptions
            {
                Nodes = run.Nodes,
                Messages = 10,
                Seed = (ulong)run.Seed,
                Loss = run.LossPercent / 100.0,
                Fail = run.FailPercent / 100.0,
                Churn = churn,
                WarmupSeconds = 10,
                DrainSeconds = 25,
            });
        }

        private static void Every(GossipScenario scenario, long periodUs, Action<NetworkSimulator> check)
        {
            for (long t = periodUs; t < scenario.EndUs; t += periodUs)
            {
                scenario.Simulator.Schedule(t, () => check(scenario.Simulator));
            }
        }

        private static string? ViewViolation(NetworkSimulator sim, int nodes)
        {
            for (int i = 0; i < nodes; i++)
            {
                GossipNode? node = sim.Node(i);
                if (node == null)
                {
                    continue;
                }

                PeerView active = node.ActiveView;
                PeerView passive = node.PassiveView;
                if (active.Count > node.Options.ActiveViewSize || passive.Count > node.Options.PassiveViewSize)
                {
                    return "view over its bound at node " + i;
                }

                if (active.Contains(node.Self) || passive.Contains(node.Self))
                {
                    return "node " + i + " holds itself";
                }

                for (int a = 0; a < active.Count; a++)
                {
                    if (passive.Contains(active[a]) || Repeats(active, a))
                    {
                        return "peer repeated in the views of node " + i;
                    }
                }

                for (int p = 0; p < passive.Count; p++)
                {
                    if (Repeats(passive, p))
                    {
                        return "peer repeated in the passive view of node " + i;
                    }
                }
            }

            return null;
        }

        private static bool Repeats(PeerView view, int index)
        {
            NodeId id = view[index];
            for (int j = index + 1; j < view.Count; j++)
            {
                if (view[j] == id)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
