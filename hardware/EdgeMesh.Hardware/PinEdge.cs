namespace EdgeMesh.Hardware
{
    /// <summary>Which level changes of an input raise an edge callback (flags).</summary>
    [System.Flags]
    public enum PinEdge
    {
        /// <summary>No callbacks.</summary>
        None = 0,

        /// <summary>Low to high.</summary>
        Rising = 1,

        /// <summary>High to low.</summary>
        Falling = 2,

        /// <summary>Either direction.</summary>
        Both = Rising | Falling,
    }
}
