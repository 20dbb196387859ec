namespace EdgeMesh.Hardware.Boards
{
    /// <summary>Regulatory limits EdgeMesh enforces per region (simplified; the operator remains responsible).</summary>
    public sealed class RegionPlan
    {
        private static readonly RegionPlan[] Plans = new RegionPlan[]
        {
            // ETSI EN 300 220 band g1 (868.0–868.6 MHz) and neighbours: 25 mW ERP ≈ 16 dBm EIRP, 1 % duty cycle.
            new RegionPlan("EU868", 863000000, 870000000, 16, 0.01),
            // FCC 15.247: 1 W conducted, 6 dBi antenna → 36 dBm EIRP; no duty cycle (dwell-time rules not modelled).
            new RegionPlan("US915", 902000000, 928000000, 36, 1.0),
            // ETSI 433.05–434.79 MHz: 10 mW ERP ≈ 12 dBm EIRP, 10 % duty cycle.
            new RegionPlan("EU433", 433050000, 434790000, 12, 0.10),
            // 2.4 GHz ISM, ETSI EN 300 328: 20 dBm EIRP.
            new RegionPlan("ISM2400", 2400000000, 2483500000, 20, 1.0),
        };

        private RegionPlan(string name, long lowHz, long highHz, double maxEirpDbm, double dutyCycle)
        {
            Name = name;
            LowHz = lowHz;
            HighHz = highHz;
            MaxEirpDbm = maxEirpDbm;
            DutyCycle = dutyCycle;
        }

        /// <summary>Region name as written in board files.</summary>
        public string Name { get; }

        /// <summary>Lowest carrier allowed, Hz.</summary>
        public long LowHz { get; }

        /// <summary>Highest carrier allowed, Hz.</summary>
        public long HighHz { get; }

        /// <summary>Radiated power limit (conducted power plus antenna gain), dBm.</summary>
        public double MaxEirpDbm { get; }

        /// <summary>Fraction of time a transmitter may be on air (1 = unlimited).</summary>
        public double DutyCycle { get; }

        /// <summary>The plan called <paramref name="name"/>, or null.</summary>
        public static RegionPlan? Find(string? name)
        {
            foreach (RegionPlan plan in Plans)
            {
                if (plan.Name == name)
                {
                    return plan;
                }
            }

            return null;
        }
    }
}
