using EdgeMesh.Simulation;

namespace EdgeMesh.Gossip.Tests.Simulation
{
    /// <summary>`edgemesh sim --radio`: the portable ManagedFlooder on a simulated shared radio channel.</summary>
    public sealed class RadioScenarioTests
    {
        // Seed 4 places 60 nodes (about 12 in range of each) so that every node reaches every other.
        private static RadioOptions Connected(int suppression, int hopLimit = 15, ulong seed = 4)
        {
            return new RadioOptions { Nodes = 60, MeanNeighbours = 12, Messages = 30, HopLimit = hopLimit, SuppressionThreshold = suppression, Seed = seed };
        }

        [Fact]
        public void The_same_seed_replays_the_same_trace()
        {
            RadioReport first = new RadioScenario(Connected(1)).Run();
            RadioReport second = new RadioScenario(Connected(1)).Run();
            RadioReport other = new RadioScenario(Connected(1, seed: 5)).Run();
            Assert.Equal(first.TraceHash, second.TraceHash);
            Assert.Equal(first.Events, second.Events);
            Assert.Equal(first.Deliveries, second.Deliveries);
            Assert.Equal(first.Transmissions, second.Transmissions);
            Assert.NotEqual(first.TraceHash, other.TraceHash);
        }

        [Fact]
        public void On_a_connected_layout_flooding_reaches_every_node()
        {
            RadioReport plain = new RadioScenario(Connected(0)).Run();
            Assert.Equal(30L * 59, plain.ExpectedDeliveries); // the layout is connected
            Assert.Equal(1.0, plain.DeliveryRatio);
            Assert.Equal(1.0, plain.Coverage);
            Assert.Equal(0, plain.SuppressedRebroadcasts);

            RadioReport managed = new RadioScenario(Connected(2)).Run();
            Assert.True(managed.DeliveryRatio >= 0.95, "delivery " + managed.DeliveryRatio);
        }

        [Fact]
        public void Suppression_cuts_transmissions_compared_with_plain_flooding()
        {
            RadioReport plain = new RadioScenario(Connected(0)).Run();
            RadioReport managed = new RadioScenario(Connected(1)).Run();
            Assert.Equal(60.0, plain.TransmissionsPerMessage); // every node sends every message once
            Assert.True(managed.SuppressedRebroadcasts > 0);
            Assert.True(managed.TransmissionsPerMessage < plain.TransmissionsPerMessage / 2, managed.TransmissionsPerMessage + " vs " + plain.TransmissionsPerMessage);
            Assert.True(managed.DeliveryRatio >= 0.85, "delivery " + managed.DeliveryRatio);
        }

        [Fact]
        public void No_frame_travels_past_its_hop_limit()
        {
            RadioReport limited = new RadioScenario(Connected(1, hopLimit: 2)).Run();
            RadioReport open = new RadioScenario(Connected(1, hopLimit: 15)).Run();
            Assert.True(limited.MaxHopCountHeard <= 2, "hop count " + limited.MaxHopCountHeard);
            Assert.True(limited.HopsMax <= 3, "hops " + limited.HopsMax);
            Assert.True(limited.HopLimitReached > 0);
            Assert.True(limited.ExpectedDeliveries < open.ExpectedDeliveries);
            Assert.True(limited.Coverage < open.Coverage, limited.Coverage + " vs " + open.Coverage);
        }

        [Fact]
        public void Loss_is_per_receiver_and_redundant_relays_make_up_for_it()
        {
            var options = Connected(0);
            options.Loss = 0.2;
            RadioReport lossy = new RadioScenario(options).Run();
            Assert.True(lossy.ReceptionsLost > 0);
            Assert.True(lossy.DeliveryRatio >= 0.99, "delivery " + lossy.DeliveryRatio);
        }
    }
}
