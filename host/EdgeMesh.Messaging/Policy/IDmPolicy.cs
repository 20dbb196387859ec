using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Policy
{
    /// <summary>
    /// The recipient's decision on an authentic, decrypted, new message: accept it into the inbox, or
    /// reject it with a reason that travels back to the sender in a signed rejection. Called once per
    /// message (retries and replays reuse the stored outcome), from the messenger's owner only.
    /// </summary>
    public interface IDmPolicy
    {
        /// <summary>Decides on a message from <paramref name="sender"/>.</summary>
        DmPolicyDecision Evaluate(NodeId sender, ushort contentType, int payloadLength, long nowMs);
    }
}
