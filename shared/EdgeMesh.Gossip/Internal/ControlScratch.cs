using EdgeMesh.Gossip.Messages;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// The decode and encode scratch messages of the nodes one thread drives. A node is done with
    /// both before its call returns (no callbacks run in between), so nodes on the same thread can
    /// share them: a simulated fleet of a thousand nodes then keeps two of these hot in cache
    /// instead of two thousand cold ones.
    /// </summary>
    internal static class ControlScratch
    {
        [System.ThreadStatic]
        private static ControlMessage? incoming;

        [System.ThreadStatic]
        private static ControlMessage? outgoing;

        /// <summary>Scratch to decode a received frame into.</summary>
        internal static ControlMessage Incoming
        {
            get { return incoming ??= new ControlMessage(); }
        }

        /// <summary>Scratch to compose an outgoing message in.</summary>
        internal static ControlMessage Outgoing
        {
            get { return outgoing ??= new ControlMessage(); }
        }
    }
}
