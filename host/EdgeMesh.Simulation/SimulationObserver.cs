using EdgeMesh.Gossip;

namespace EdgeMesh.Simulation
{
    /// <summary>Hooks a scenario uses to measure a run. Every method is called on the simulator's thread.</summary>
    public abstract class SimulationObserver
    {
        /// <summary>A node handed a frame to its uplink (before loss is decided).</summary>
        public virtual void OnFrameSent(int node, OutboundFrame frame, long timeUs)
        {
        }

        /// <summary>A frame reached a running node (after loss and partitions).</summary>
        public virtual void OnFrameArrived(int node, byte[] frame, int length, long timeUs)
        {
        }

        /// <summary>A node published a message (called before any of its frames is sent).</summary>
        public virtual void OnPublished(int node, MessageId id, long timeUs)
        {
        }

        /// <summary>A node delivered a broadcast to its application.</summary>
        public virtual void OnDelivery(int node, Delivery delivery, long timeUs)
        {
        }

        /// <summary>A node booted (first start or restart); subscribe topics here.</summary>
        public virtual void OnNodeStarted(int node, GossipNode gossip, long timeUs)
        {
        }

        /// <summary>A node crashed.</summary>
        public virtual void OnNodeCrashed(int node, long timeUs)
        {
        }
    }
}
