namespace EdgeMesh.Simulation
{
    /// <summary>Measurements of one published message.</summary>
    public readonly struct MessageStats
    {
        /// <summary>Creates a record.</summary>
        public MessageStats(int origin, long sentUs, long transmissions, int reached, int delivered, int expected, int lastRound)
        {
            Origin = origin;
            SentUs = sentUs;
            Transmissions = transmissions;
            Reached = reached;
            Delivered = delivered;
            Expected = expected;
            LastRound = lastRound;
        }

        /// <summary>Index of the publishing node.</summary>
        public int Origin { get; }

        /// <summary>Simulated publish time, microseconds.</summary>
        public long SentUs { get; }

        /// <summary>Payload transmissions (eager pushes and GRAFT answers).</summary>
        public long Transmissions { get; }

        /// <summary>Nodes other than the origin that received the payload at least once.</summary>
        public int Reached { get; }

        /// <summary>Expected receivers that delivered it.</summary>
        public int Delivered { get; }

        /// <summary>Expected receivers.</summary>
        public int Expected { get; }

        /// <summary>Largest round among the expected deliveries.</summary>
        public int LastRound { get; }

        /// <summary>Relative message redundancy of this message; 0 when nobody was reached.</summary>
        public double Rmr
        {
            get { return Reached == 0 ? 0 : ((double)Transmissions / Reached) - 1; }
        }
    }
}
