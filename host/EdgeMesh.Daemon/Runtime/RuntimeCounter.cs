namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>What the runtime counts besides decode errors and verification verdicts.</summary>
    public enum RuntimeCounter
    {
        /// <summary>Frames decoded from datagrams and TCP messages.</summary>
        FramesIn = 0,

        /// <summary>Frames sealed and handed to a transport.</summary>
        FramesOut = 1,

        /// <summary>Messages handed to local subscribers (each subscriber counts once).</summary>
        Delivered = 2,

        /// <summary>This node's own frames heard back (multicast loop): ignored before any check.</summary>
        OwnFrames = 3,

        /// <summary>Authentic frames of a kind this daemon does not handle (a bare Publish; a relayed frame that is not Direct or Ack, or from an unknown neighbour).</summary>
        UnsupportedKind = 4,

        /// <summary>Frames for a peer whose address is not known: dropped.</summary>
        NoRoute = 5,

        /// <summary>Authentic beacons whose payload did not decode.</summary>
        BadBeacon = 6,

        /// <summary>Messages dropped because a subscriber's queue was full (oldest first).</summary>
        SubscriberDrops = 7,

        /// <summary>Frames this node failed to seal (too large, encoder refused).</summary>
        SealFailures = 8,

        /// <summary>Mesh deliveries whose originator frame failed end-to-end verification.</summary>
        OriginRejected = 9,

        /// <summary>Peers forgotten to make room in the bounded peer table.</summary>
        PeerEvictions = 10,

        /// <summary>Credentials (certificate and beacon) sent to a peer or the group.</summary>
        CredentialsSent = 11,
    }
}
