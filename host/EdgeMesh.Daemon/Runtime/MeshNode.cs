using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;
using EdgeMesh.Transport;
using EdgeMesh.Transport.Serial;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// A running node: owns the UDP socket, the discovery socket and TCP links, authenticates every
    /// frame (<see cref="NodeSecurity"/>), learns peers from beacons, drives the mesh protocol and
    /// serves local subscribers. All protocol state is touched under one lock, from the receive
    /// loops, the timer loop and API calls; sockets never block it (UDP sends are non-blocking, TCP
    /// sends are queued).
    /// </summary>
    public sealed partial class MeshNode : ILinkReceiver, IDisposable
    {
        private const long BootstrapRetryMs = 2_000;
        private const long CredentialsRefreshMs = 1_000;
        private const long TimerCapMs = 100;

        private readonly NodeConfig _config;
        private readonly NodeSecurity _security;
        private readonly IMeshProtocol? _mesh;
        private readonly ILogger _log;
        private readonly TimeProvider _clock;
        private readonly Lock _gate = new();
        private readonly PeerTable _peers;
        private readonly UdpTransport _udp;
        private readonly UdpTransport? _discovery;
        private readonly TcpTransport _tcp;
        private readonly SerialTransport _serial;
        private readonly UdpAddress? _group;
        private readonly List<BootstrapTarget> _bootstrap = new();
        private readonly long[] _counters = new long[12];
        private readonly long[] _apiRefusals = new long[200]; // HTTP 400..599, one slot per code
        private readonly long[] _decodeErrors = new long[WireFormat.FrameErrorCount];
        private readonly List<Subscription> _subscriptions = new();
        private readonly Dictionary<ulong, int> _topicRefs = new();
        private readonly byte[] _scratch = new byte[WireFormat.HeaderLength + WireFormat.MaxPayloadLength + WireFormat.SignatureLength];
        private readonly CancellationTokenSource _stop = new();
        private readonly long _startedMs;
        private Task _timer = Task.CompletedTask;
        private long _nextBeaconMs;
        private bool _disposed;

        private MeshNode(NodeConfig config, NodeSecurity security, EdgeMesh.Messaging.DirectMessenger direct, Func<NodeId, long, IMeshProtocol>? meshFactory, ILoggerFactory logging, TimeProvider clock)
        {
            _config = config;
            _batchLimit = BatchPayloadLimit(config);
            _security = security;
            _dm = direct;
            _clock = clock;
            _log = logging.CreateLogger("edgemesh");
            _startedMs = NowMs;
            _peers = new PeerTable(config.Security.AdmittedPeers);
            IPEndPoint listen = PeerEndpoint.Parse(config.Listen).TryGetLiteral() ?? throw new ArgumentException("listen must be an IP address and port");
            IPAddress? multicastInterface = config.Discovery.Interface == null ? null : IPAddress.Parse(config.Discovery.Interface);
            _udp = new UdpTransport(
                new UdpTransportOptions { Listen = listen, MaxDatagramSize = config.MaxDatagramBytes, MulticastInterface = multicastInterface, MulticastTtl = config.Discovery.Ttl },
                this);
            _udp.ErrorObserved = e => Log.SocketError(_log, "udp", e.Message);
            try
            {
                if (config.Discovery.Enabled)
                {
                    var group = IPAddress.Parse(config.Discovery.Group);
                    _group = new UdpAddress(new IPEndPoint(group, config.Discovery.Port));
                    _discovery = new UdpTransport(
                        new UdpTransportOptions
                        {
                            Listen = new IPEndPoint(IPAddress.Any, config.Discovery.Port),
                            JoinGroup = group,
                            MulticastInterface = multicastInterface,
                            MulticastTtl = config.Discovery.Ttl,
                            ReuseAddress = true,
                            Channel = LinkChannel.Discovery,
                        },
                        this);
                    _discovery.ErrorObserved = e => Log.SocketError(_log, "discovery", e.Message);
                }

                IPEndPoint? tcpListen = config.Tcp.Listen == null ? null : PeerEndpoint.Parse(config.Tcp.Listen).TryGetLiteral();
                _tcp = new TcpTransport(
                    new TcpTransportOptions
                    {
                        Listen = tcpListen,
                        SendQueueBytes = config.Tcp.SendQueueBytes,
                        MaxConnections = config.Tcp.MaxConnections,
                        Reconnect = new ReconnectOptions { InitialDelayMs = config.Tcp.ReconnectInitialMs, MaxDelayMs = config.Tcp.ReconnectMaxMs },
                    },
                    this,
                    clock);
                _tcp.ErrorObserved = e => Log.SocketError(_log, "tcp", e.Message);
                _serial = new SerialTransport(config.Serial.ConvertAll(line => line.ToOptions()), this, clock);
                _serial.ErrorObserved = message => Log.SocketError(_log, "serial", message);
            }
            catch
            {
                _udp.Dispose();
                _discovery?.Dispose();
                throw;
            }

            _mesh = meshFactory?.Invoke(security.Id, _startedMs);
        }

        /// <summary>This node's id.</summary>
        public NodeId Id => _security.Id;

        /// <summary>The security profile in force.</summary>
        public SecurityProfile Profile => _security.Profile;

        /// <summary>The bound UDP address.</summary>
        public IPEndPoint UdpEndPoint => _udp.LocalEndPoint;

        /// <summary>The bound TCP address, if accepting.</summary>
        public IPEndPoint? TcpEndPoint => _tcp.LocalEndPoint;

        /// <summary>True when a membership/broadcast protocol is attached (publish and subscribe work).</summary>
        public bool HasMeshProtocol => _mesh != null;

        private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

        /// <summary>
        /// Loads the node directory's credentials and binds the sockets (nothing is sent before
        /// <see cref="StartAsync"/>); the gossip layer (docs/gossip.md) carries membership and
        /// broadcasts. False with a message for a person when something is missing.
        /// </summary>
        public static bool TryCreate(string directory, NodeConfig config, ILoggerFactory logging, TimeProvider clock, out MeshNode? node, out string error)
        {
            ArgumentNullException.ThrowIfNull(config);
            return TryCreate(directory, config, GossipMesh.Factory(GossipOptionsFor(config)), logging, clock, out node, out error);
        }

        /// <summary>Gossip parameters for <paramref name="config"/>: frame budget from its payload limit and security mode's trailer.</summary>
        internal static EdgeMesh.Gossip.GossipOptions GossipOptionsFor(NodeConfig config)
        {
            return GossipMesh.OptionsFor(BatchPayloadLimit(config), WireFormat.TrailerLength(SecurityProfiles.WireMode(config.Profile)));
        }

        /// <summary>Largest PublishBatch payload: what fills one datagram, at least the largest single payload.</summary>
        internal static int BatchPayloadLimit(NodeConfig config)
        {
            return GossipMesh.BatchPayloadLimit(config.MaxPayloadBytes, config.MaxDatagramBytes, WireFormat.TrailerLength(SecurityProfiles.WireMode(config.Profile)));
        }

        internal static bool TryCreate(string directory, NodeConfig config, Func<NodeId, long, IMeshProtocol>? meshFactory, ILoggerFactory logging, TimeProvider clock, out MeshNode? node, out string error)
        {
            ArgumentNullException.ThrowIfNull(config);
            ArgumentNullException.ThrowIfNull(logging);
            ArgumentNullException.ThrowIfNull(clock);
            node = null;
            List<string> problems = config.Validate();
            if (problems.Count > 0)
            {
                error = string.Join("; ", problems);
                return false;
            }

            if (!NodeSecurity.TryLoad(directory, config, clock.GetUtcNow().ToUnixTimeMilliseconds(), out NodeSecurity? security, out error))
            {
                return false;
            }

            if (!TryCreateMessenger(directory, config, security!, out EdgeMesh.Messaging.DirectMessenger? direct, out error))
            {
                security!.Dispose();
                return false;
            }

            try
            {
                node = new MeshNode(config, security!, direct!, meshFactory, logging, clock);
                node._directory = directory; // where a revocation list received at run time is saved
                return true;
            }
            catch (System.Net.Sockets.SocketException e)
            {
                direct!.Dispose();
                security!.Dispose();
                error = PortConflict.Describe(config, e);
                return false;
            }
        }

        /// <summary>Resolves the bootstrap list, starts the receive and timer loops and announces the node.</summary>
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (_security.Profile == SecurityProfile.Development)
            {
                Log.DevelopmentMode(_log, SecurityProfiles.DevelopmentWarning);
            }

            foreach (string entry in _config.Bootstrap)
            {
                PeerEndpoint endpoint = PeerEndpoint.Parse(entry);
                if (endpoint.IsTcp)
                {
                    _bootstrap.Add(new BootstrapTarget(endpoint, null, _tcp.Connect(endpoint.Host, endpoint.Port)));
                    continue;
                }

                IPEndPoint? resolved = await endpoint.ResolveAsync(cancellationToken).ConfigureAwait(false);
                if (resolved == null)
                {
                    Log.BootstrapUnresolved(_log, endpoint);
                    continue;
                }

                _bootstrap.Add(new BootstrapTarget(endpoint, new UdpAddress(resolved), null));
            }

            StartDirect(NowMs);
            _udp.Start();
            _discovery?.Start();
            _tcp.Start();
            _serial.Start();
            _timer = Task.Run(TimerLoopAsync, CancellationToken.None);
            Log.NodeUp(_log, Id, _config.Mode, _udp.LocalEndPoint, _tcp.LocalEndPoint, _group, _mesh != null);
        }

        /// <summary>Stops the loops after sending what is queued, then closes the sockets.</summary>
        public async Task StopAsync()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _timer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected on stop.
            }

            lock (_gate)
            {
                long now = NowMs;
                SendBatch(now); // a batch nobody flushed leaves before the sockets close
                Pump(now); // drain the mesh protocol's send queue into the sockets
            }

            Subscription[] subscribers;
            lock (_gate)
            {
                subscribers = _subscriptions.ToArray();
            }

            foreach (Subscription subscription in subscribers)
            {
                subscription.Dispose();
            }

            Log.NodeStopped(_log, Id);
        }

        /// <summary>Closes every socket.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stop.Cancel();
            _udp.Dispose();
            _discovery?.Dispose();
            _tcp.Dispose();
            _serial.Dispose();
            lock (_gate)
            {
                _dm.Dispose();
                _security.Dispose();
            }

            _stop.Dispose();
        }

        private void Count(RuntimeCounter counter)
        {
            _counters[(int)counter]++;
        }

        private async Task TimerLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                long now = NowMs;
                long next;
                lock (_gate)
                {
                    next = OnTimer(now);
                }

                long wait = Math.Clamp(next - now, 1, TimerCapMs);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), _clock, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        /// <summary>Timers under the lock: mesh protocol, beacons, bootstrap hellos. Returns the next deadline.</summary>
        private long OnTimer(long now)
        {
            if (_mesh != null && _mesh.NextDeadlineMs <= now)
            {
                _mesh.Tick(now);
            }

            if (_group != null && now >= _nextBeaconMs)
            {
                // The first beacon asks for answers, so a node that starts late learns the others at once.
                SendCredentials(_group, replyRequested: _nextBeaconMs == 0, now);
                _nextBeaconMs = now + _config.Discovery.IntervalMs;
            }

            foreach (BootstrapTarget target in _bootstrap)
            {
                if (target.Udp != null && now >= target.NextHelloMs && !IsAnswered(target.Udp, now))
                {
                    SendCredentials(target.Udp, replyRequested: true, now);
                    target.NextHelloMs = now + BootstrapRetryMs;
                }
            }

            SendBatch(now); // a batch nobody flushed waits one timer period at most
            TickDirect(now);
            TickRevocations(now);
            Pump(now);
            long next = Math.Min(_mesh?.NextDeadlineMs ?? long.MaxValue, _dm.NextDeadlineMs);
            return _group == null ? next : Math.Min(next, _nextBeaconMs);
        }

        private bool IsAnswered(UdpAddress address, long now)
        {
            foreach (PeerEntry peer in _peers.All)
            {
                if (address.Equals(peer.Address) && now - peer.LastHeardMs < 3 * BootstrapRetryMs + _config.Discovery.IntervalMs)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class BootstrapTarget
        {
            internal BootstrapTarget(PeerEndpoint endpoint, UdpAddress? udp, TcpLink? tcp)
            {
                Endpoint = endpoint;
                Udp = udp;
                Tcp = tcp;
            }

            internal PeerEndpoint Endpoint { get; }

            internal UdpAddress? Udp { get; }

            internal TcpLink? Tcp { get; }

            internal long NextHelloMs { get; set; }
        }
    }
}
