using System;
using BenchmarkDotNet.Attributes;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Security;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Benchmarks
{
    /// <summary>
    /// One direct message end to end between two in-process messengers, without a network: send
    /// (seal with a fresh ephemeral key, sign, store in the in-memory outbox, fragment), receive
    /// (reassemble, verify, dedupe, decrypt, deliver, sign the acknowledgement) and complete (verify
    /// the acknowledgement, receipt). The crypto and state-machine cost a daemon adds per DM; the
    /// daemon-to-daemon figure over loopback sockets is measured with the daemon.
    /// </summary>
    [MemoryDiagnoser]
    public class DirectMessageBenchmarks
    {
        private const long Start = 1_763_700_000_000;

        private NodeKeyPair _alice = null!;
        private NodeKeyPair _bob = null!;
        private DirectMessenger _sender = null!;
        private DirectMessenger _recipient = null!;
        private byte[] _small = Array.Empty<byte>();
        private byte[] _large = Array.Empty<byte>();
        private long _now;

        /// <summary>Two nodes that know each other's keys, with room for every message of a run in the dedupe cache.</summary>
        [GlobalSetup]
        public void Setup()
        {
            Sodium.EnsureInitialized();
            _alice = NodeKeyPair.Generate();
            _bob = NodeKeyPair.Generate();
            var keys = new DmKeyDirectory(4);
            keys.Add(_alice.PublicKey);
            keys.Add(_bob.PublicKey);
            // Pacing is the transport's concern; lifted here so the benchmark measures the messenger's own work.
            var options = new DmOptions { DedupeCapacity = 10_000_000, DefaultLifetimeMs = 1_000, FragmentBurst = 1_000_000, FragmentsPerSecond = 100_000_000 };
            _sender = new DirectMessenger(_alice, keys, options);
            _recipient = new DirectMessenger(_bob, keys, options);
            _small = new byte[256];
            _large = new byte[DmLimits.MaxPayloadBytes];
            new Random(1).NextBytes(_small);
            new Random(2).NextBytes(_large);
            _now = Start;
        }

        /// <summary>Disposes the messengers and keys.</summary>
        [GlobalCleanup]
        public void Cleanup()
        {
            _sender.Dispose();
            _recipient.Dispose();
            _alice.Dispose();
            _bob.Dispose();
        }

        /// <summary>A 256-byte text DM: send, deliver, acknowledge, receipt.</summary>
        [Benchmark]
        public DmReceipt RoundTrip256()
        {
            return RoundTrip(_small);
        }

        /// <summary>A 48 KiB DM (49 fragments of 1 KiB) end to end.</summary>
        [Benchmark]
        public DmReceipt RoundTrip48K()
        {
            return RoundTrip(_large);
        }

        private DmReceipt RoundTrip(byte[] payload)
        {
            // A millisecond per message keeps times moving; dedupe entries expire after a second.
            _now++;
            if (!_sender.Send(_recipient.Id, payload, _now, PayloadType.Text).IsQueued)
            {
                throw new InvalidOperationException("send refused");
            }

            Carry(_sender, _recipient);
            Carry(_recipient, _sender);
            if (!_recipient.TryTakeMessage(out _) || !_sender.TryTakeReceipt(out DmReceipt receipt))
            {
                throw new InvalidOperationException("not delivered");
            }

            return receipt;
        }

        private void Carry(DirectMessenger from, DirectMessenger to)
        {
            while (from.TryDequeue(out DmTransmission transmission))
            {
                to.Receive(transmission.Packet.Span, DmPathKind.Direct, _now);
            }
        }
    }
}
