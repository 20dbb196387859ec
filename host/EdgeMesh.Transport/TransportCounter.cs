namespace EdgeMesh.Transport
{
    /// <summary>What a transport counts; one counter per value (<see cref="TransportCounters"/>).</summary>
    public enum TransportCounter
    {
        /// <summary>Datagrams received (UDP) or frames received (TCP).</summary>
        PacketsIn = 0,

        /// <summary>Datagrams sent (UDP) or frames written (TCP).</summary>
        PacketsOut = 1,

        /// <summary>Bytes received.</summary>
        BytesIn = 2,

        /// <summary>Bytes sent.</summary>
        BytesOut = 3,

        /// <summary>A receive call failed (socket error); the loop went on.</summary>
        ReceiveErrors = 4,

        /// <summary>A send call failed (unreachable, refused, buffer full); the data was dropped.</summary>
        SendErrors = 5,

        /// <summary>A frame larger than the datagram budget was sent in a datagram of its own.</summary>
        OversizeFrames = 6,

        /// <summary>A frame was dropped because it exceeds the largest datagram or TCP frame allowed.</summary>
        FramesTooLarge = 7,

        /// <summary>A frame was dropped because the peer's send queue was full (slow or stalled TCP peer).</summary>
        SendQueueFull = 8,

        /// <summary>An entry of the bounded source-address table was forgotten to make room.</summary>
        AddressEvictions = 9,

        /// <summary>A TCP connection was established (outbound or accepted).</summary>
        Connects = 10,

        /// <summary>An outbound TCP connection attempt failed.</summary>
        ConnectFailures = 11,

        /// <summary>A TCP connection ended (peer closed, reset or error).</summary>
        Disconnects = 12,

        /// <summary>A TCP length prefix was zero or above the maximum: the connection was closed.</summary>
        BadLengthPrefix = 13,

        /// <summary>An inbound TCP connection was refused because the connection limit was reached.</summary>
        ConnectionsRefused = 14,

        /// <summary>The receiver threw while handling received bytes (a bug, logged; the loop went on).</summary>
        HandlerFaults = 15,

        /// <summary>Serial: records rejected by the stream deframer (bad CRC or COBS, short, oversize): line noise or garbage.</summary>
        LineNoise = 16,
    }
}
