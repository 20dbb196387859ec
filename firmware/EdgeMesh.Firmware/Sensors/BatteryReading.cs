namespace EdgeMesh.Firmware.Sensors
{
    /// <summary>One battery measurement from the monitor.</summary>
    public readonly struct BatteryReading
    {
        /// <summary>Creates a reading.</summary>
        public BatteryReading(int busMillivolts, int currentMilliamps)
        {
            BusMillivolts = busMillivolts;
            CurrentMilliamps = currentMilliamps;
        }

        /// <summary>Battery (bus) voltage, mV.</summary>
        public int BusMillivolts { get; }

        /// <summary>Current through the shunt, mA (positive: discharging).</summary>
        public int CurrentMilliamps { get; }
    }
}
