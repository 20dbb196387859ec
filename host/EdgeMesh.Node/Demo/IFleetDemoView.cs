namespace EdgeMesh.Node.Demo
{
    /// <summary>Where the fleet demo reports progress while it runs (plain lines or a live table).</summary>
    internal interface IFleetDemoView
    {
        /// <summary>The fleet finished joining: <paramref name="joined"/> of <paramref name="nodes"/> after <paramref name="seconds"/>.</summary>
        void Joined(int joined, int nodes, double seconds);

        /// <summary>Called about once a second while traffic runs, and once more after the drain with the summary's figures (<see cref="FleetDemoSnapshot.Final"/>).</summary>
        void Update(FleetDemoSnapshot snapshot);
    }
}
