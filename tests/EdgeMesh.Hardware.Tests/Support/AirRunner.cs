using System;
using System.Collections.Generic;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;

namespace EdgeMesh.Hardware.Tests.Support
{
    /// <summary>Runs simulated time and services each driver whenever its interrupt line is active, as a board's radio loop would.</summary>
    internal static class AirRunner
    {
        internal static List<(int Driver, RadioEvent Event)> Run(EventScheduler scheduler, IList<IPacketRadio> drivers, Func<int, bool> irqActive, long untilUs)
        {
            var seen = new List<(int, RadioEvent)>();
            while (true)
            {
                ServiceAll(drivers, irqActive, seen);
                if (scheduler.NextEventAt > untilUs)
                {
                    break;
                }

                scheduler.Step();
            }

            scheduler.RunUntil(untilUs);
            ServiceAll(drivers, irqActive, seen);
            for (int i = 0; i < drivers.Count; i++)
            {
                RadioEvent e = drivers[i].Service();
                if (e != RadioEvent.None)
                {
                    seen.Add((i, e));
                }
            }

            return seen;
        }

        private static void ServiceAll(IList<IPacketRadio> drivers, Func<int, bool> irqActive, List<(int, RadioEvent)> seen)
        {
            for (int i = 0; i < drivers.Count; i++)
            {
                while (irqActive(i))
                {
                    RadioEvent e = drivers[i].Service();
                    if (e == RadioEvent.None)
                    {
                        break;
                    }

                    seen.Add((i, e));
                }
            }
        }
    }
}
