using System.Collections.Generic;
using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Hardware.Tests.Radio
{
    /// <summary>The duty-cycle bucket never lets any sliding window exceed the limit.</summary>
    public sealed class AirtimeBudgetTests
    {
        [Theory]
        [InlineData(10000, 3600000, 71936)]     // EU868 1 %, SF7 32-byte packets
        [InlineData(10000, 3600000, 9019392)]   // EU868 1 %, SF12 full packets: the packet sets the burst
        [InlineData(100000, 10000, 230000)]
        public void A_greedy_sender_stays_within_the_duty_cycle_in_every_window(int ppm, long windowMs, long packetUs)
        {
            var budget = new AirtimeBudget(ppm, windowMs, packetUs, 0);
            var sends = new List<long>();
            long windowUs = windowMs * 1000;
            long limitUs = windowUs * ppm / 1000000;
            long step = packetUs / 4;
            for (long t = 0; t < 5 * windowUs; t += step)
            {
                if (budget.TryConsume(packetUs, t))
                {
                    sends.Add(t);
                }
            }

            // Every window starting at a send holds at most the limit (a send counts whole).
            for (int i = 0; i < sends.Count; i++)
            {
                long used = 0;
                for (int j = i; j < sends.Count && sends[j] < sends[i] + windowUs; j++)
                {
                    used += packetUs;
                }

                Assert.True(used <= limitUs, "window at " + sends[i] + " used " + used + " of " + limitUs);
            }

            // And the sender is not starved: over five windows it gets at least 70 % of the allowance (the
            // burst is granted once; after that the refill rate is d·W − C per window, and packets are whole).
            Assert.True(sends.Count * packetUs * 10 >= 7 * 5 * limitUs, "sent " + sends.Count);
            Assert.True(budget.Refusals > 0);
        }

        [Fact]
        public void Unlimited_never_refuses_and_an_impossible_packet_is_a_configuration_error()
        {
            var budget = new AirtimeBudget(AirtimeBudget.Unlimited, 1000, 5000, 0);
            for (int i = 0; i < 1000; i++)
            {
                Assert.True(budget.TryConsume(5000, 0));
            }

            Assert.Throws<ArgumentOutOfRangeException>(() => new AirtimeBudget(10000, 60000, 700000, 0));
        }

        [Fact]
        public void Polling_often_gains_no_extra_airtime()
        {
            var coarse = new AirtimeBudget(10000, 3600000, 100000, 0);
            var fine = new AirtimeBudget(10000, 3600000, 100000, 0);
            coarse.TryConsume(coarse.AvailableUs(0), 0);
            fine.TryConsume(fine.AvailableUs(0), 0);
            for (long t = 0; t <= 60000000; t += 7)
            {
                fine.AvailableUs(t);
            }

            Assert.Equal(coarse.AvailableUs(60000000), fine.AvailableUs(60000000));
        }
    }
}
