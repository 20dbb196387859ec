namespace EdgeMesh.Gossip.Messages
{
    /// <summary>One lazy announcement: a message id, its topic and the round at which the announcer has it.</summary>
    public struct IHaveEntry
    {
        /// <summary>Topic of the message.</summary>
        public ulong Topic;

        /// <summary>The announced message.</summary>
        public MessageId Id;

        /// <summary>Round the receiver would get it at when grafting the announcer.</summary>
        public int Round;

        /// <summary>Creates an entry.</summary>
        public IHaveEntry(ulong topic, MessageId id, int round)
        {
            Topic = topic;
            Id = id;
            Round = round;
        }
    }
}
