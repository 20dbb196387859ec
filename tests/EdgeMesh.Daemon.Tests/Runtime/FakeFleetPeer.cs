using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;
using EdgeMesh.Transport.Discovery;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>
    /// A fleet member made of a bare UDP socket, its own framing and signing and a test-side
    /// <see cref="DirectMessenger"/>: it presents its certificate to a daemon, sends it hand-made
    /// Direct frames (tampered, replayed, ...) and records every datagram the daemon sends it.
    /// </summary>
    internal sealed class FakeFleetPeer : IDisposable
    {
        private readonly NodeKeyPair _identity;
        private readonly byte[] _certificate;
        private readonly FrameSigner _signer;
        private readonly OutboundFramer _framer;
        private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly List<byte[]> _captured = new();
        private readonly byte[] _frame = new byte[WireFormat.HeaderLength + WireFormat.MaxPayloadLength + WireFormat.SignatureLength];
        private readonly Task _receiving;

        internal FakeFleetPeer(FleetAuthority fleet)
        {
            _identity = NodeKeyPair.Generate();
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            _certificate = fleet.IssueCertificate(_identity.PublicKey, FleetRoles.Robot, now - 3_600_000, now + 3_600_000);
            _signer = new FrameSigner(_identity);
            _framer = new OutboundFramer(_identity.Id, 1);
            Keys = new DmKeyDirectory(16);
            Messenger = new DirectMessenger(_identity, Keys);
            _receiving = Task.Run(ReceiveLoopAsync);
        }

        internal NodeId Id => _identity.Id;

        internal NodeKeyPair Identity => _identity;

        /// <summary>Keys the test-side messenger knows (add the daemon's).</summary>
        internal DmKeyDirectory Keys { get; }

        /// <summary>This peer's own messenger: it seals what the tests send and answers what the daemon sends.</summary>
        internal DirectMessenger Messenger { get; }

        /// <summary>Every datagram received so far, in order.</summary>
        internal List<byte[]> Captured
        {
            get
            {
                lock (_captured)
                {
                    return new List<byte[]>(_captured);
                }
            }
        }

        /// <summary>The public key of the node whose directory is <paramref name="nodeDirectory"/>.</summary>
        internal static byte[] PublicKeyOf(string nodeDirectory)
        {
            var key = new byte[32];
            FileError loaded = KeyFiles.TryLoadPublicKey(Path.Combine(nodeDirectory, KeyFiles.NodePublicKeyFile), KeyPurpose.Node, key, out string error);
            Assert.True(loaded == FileError.None, error);
            return key;
        }

        /// <summary>Certificate and beacon, as a daemon presents itself: afterwards <paramref name="to"/> knows this peer and its address.</summary>
        internal void Introduce(IPEndPoint to)
        {
            PresentCertificate(to);
            var beacon = new byte[64];
            int length = new Beacon(0, ((IPEndPoint)_socket.Client.LocalEndPoint!).Port, 0, null).Encode(beacon);
            Send(to, FrameKind.Beacon, beacon.AsSpan(0, length).ToArray(), default, FrameFlags.NoRelay);
        }

        /// <summary>The certificate alone: <paramref name="to"/> can check this peer's frames, relayed ones included.</summary>
        internal void PresentCertificate(IPEndPoint to)
        {
            Send(to, FrameKind.Admission, _certificate, default, FrameFlags.NoRelay);
        }

        /// <summary>Seals one frame of this peer (fresh sequence, signature) around <paramref name="payload"/> and sends it.</summary>
        internal void Send(IPEndPoint to, FrameKind kind, byte[] payload, NodeId destination, byte flags = 0)
        {
            payload.CopyTo(_frame, FrameCodec.PayloadOffset(0));
            var header = new FrameHeader
            {
                Kind = kind,
                Flags = flags,
                Priority = Priority.Control,
                HopLimit = kind == FrameKind.Direct || kind == FrameKind.Ack ? (byte)WireFormat.MaxHops : (byte)0,
                Security = SecurityProfiles.WireMode(SecurityProfile.Production),
                Destination = destination.Value,
                PayloadLength = payload.Length,
            };
            Assert.Equal(FrameError.None, _framer.Seal(ref header, _frame, 0, _frame.Length, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out int length));
            Assert.Equal(FrameError.None, _signer.Sign(_frame, 0, length));
            _socket.Send(_frame, length, to);
        }

        /// <summary>Feeds every Direct and Ack frame for this peer captured so far to the messenger and sends its answers (acknowledgements) back to <paramref name="to"/>.</summary>
        internal void AnswerDirectFrames(IPEndPoint to, ref int consumed)
        {
            List<byte[]> captured = Captured;
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (; consumed < captured.Count; consumed++)
            {
                byte[] datagram = captured[consumed];
                for (int offset = 0; offset < datagram.Length;)
                {
                    if (FrameCodec.Decode(datagram, offset, datagram.Length - offset, WireFormat.MaxPayloadLength, out FrameHeader header) != FrameError.None)
                    {
                        break;
                    }

                    if ((header.Kind == FrameKind.Direct || header.Kind == FrameKind.Ack) && header.Destination == Id.Value)
                    {
                        Messenger.Receive(datagram.AsSpan(FrameCodec.PayloadOffset(offset), header.PayloadLength), EdgeMesh.Messaging.Routing.DmPathKind.Direct, now);
                    }

                    offset += header.FrameLength;
                }
            }

            while (Messenger.TryDequeue(out DmTransmission answer))
            {
                Send(to, answer.Kind == DmPacketKind.Ack ? FrameKind.Ack : FrameKind.Direct, answer.Packet.ToArray(), answer.Destination);
            }
        }

        public void Dispose()
        {
            _socket.Dispose();
            try
            {
                _receiving.Wait(1000);
            }
            catch (AggregateException)
            {
                // The socket closed under the receive.
            }

            Messenger.Dispose();
            _identity.Dispose();
        }

        private async Task ReceiveLoopAsync()
        {
            while (true)
            {
                UdpReceiveResult result;
                try
                {
                    result = await _socket.ReceiveAsync();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    return;
                }

                lock (_captured)
                {
                    _captured.Add(result.Buffer);
                }
            }
        }
    }
}
