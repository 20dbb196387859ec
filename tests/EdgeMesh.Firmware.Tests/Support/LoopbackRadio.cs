using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Tests.Support
{
    /// <summary>
    /// A packet radio test double without air or chip model: a sent packet lands in every peer's
    /// one-packet receive buffer at once, the transmission ends on the next service call. Allocates
    /// nothing after construction, so allocation tests measure only the firmware.
    /// </summary>
    internal sealed class LoopbackRadio : IPacketRadio
    {
        private readonly byte[] _received;
        private LoopbackRadio[] _peers = Array.Empty<LoopbackRadio>();
        private int _receivedLength;
        private bool _pendingDone;

        internal LoopbackRadio(int maxPacketLength)
        {
            MaxPacketLength = maxPacketLength;
            _received = new byte[maxPacketLength];
            LastPacket = new byte[maxPacketLength];
        }

        /// <summary>Puts a packet in the receive buffer as if it had arrived.</summary>
        internal void Inject(byte[] packet, int length)
        {
            System.Array.Copy(packet, _received, length);
            _receivedLength = length;
        }

        public int MaxPacketLength { get; }

        public bool IsTransmitting { get; private set; }

        public int LastRssiDbm => -80;

        public int LastSnrQuarterDb => 20;

        internal long PacketsSent { get; private set; }

        /// <summary>A copy of the last packet read (for replay and tampering tests).</summary>
        internal byte[] LastPacket { get; }

        internal int LastPacketLength { get; private set; }

        /// <summary>Packets that arrived while the previous one was still unread (dropped).</summary>
        internal long Overruns { get; private set; }

        internal static void Connect(params LoopbackRadio[] radios)
        {
            foreach (LoopbackRadio r in radios)
            {
                var peers = new LoopbackRadio[radios.Length - 1];
                int n = 0;
                foreach (LoopbackRadio other in radios)
                {
                    if (other != r)
                    {
                        peers[n++] = other;
                    }
                }

                r._peers = peers;
            }
        }

        public RadioResult StartReceive() => RadioResult.Ok;

        public RadioResult Send(byte[] buffer, int offset, int count)
        {
            if (IsTransmitting)
            {
                return RadioResult.Busy;
            }

            if (count < 1 || count > MaxPacketLength)
            {
                return RadioResult.InvalidLength;
            }

            foreach (LoopbackRadio peer in _peers)
            {
                if (peer._receivedLength > 0)
                {
                    peer.Overruns++;
                    continue;
                }

                System.Array.Copy(buffer, offset, peer._received, 0, count);
                peer._receivedLength = count;
            }

            IsTransmitting = true;
            _pendingDone = true;
            PacketsSent++;
            return RadioResult.Ok;
        }

        public RadioEvent Service()
        {
            if (_pendingDone)
            {
                _pendingDone = false;
                IsTransmitting = false;
                return RadioEvent.TransmitDone;
            }

            return _receivedLength > 0 ? RadioEvent.PacketReceived : RadioEvent.None;
        }

        public int ReadPacket(byte[] buffer, int offset, int count)
        {
            int length = _receivedLength;
            if (length == 0)
            {
                return 0;
            }

            _receivedLength = 0;
            if (length > count)
            {
                return -1;
            }

            System.Array.Copy(_received, 0, buffer, offset, length);
            System.Array.Copy(_received, 0, LastPacket, 0, length);
            LastPacketLength = length;
            return length;
        }

        public long TimeOnAirMicroseconds(int payloadLength) => 1000 + (payloadLength * 100L);
    }
}
