using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Flooding
{
    /// <summary>
    /// Managed flooding for broadcast media (a radio segment, where one transmission reaches every
    /// neighbour): duplicate suppression by (sender, sequence), the frame's hop limit, a rebroadcast
    /// delay that is random and, when the driver reports SNR, shorter for frames heard weakly (far
    /// senders relay first), and cancellation of a waiting rebroadcast once a neighbour is heard
    /// relaying the same frame. Sans-IO: the driver passes received frames with the injected time and
    /// takes due rebroadcasts; the flooder owns fixed buffers allocated here and allocates nothing per
    /// frame. Bad input never throws. Single-threaded by contract: one driver loop owns an instance.
    /// </summary>
    public sealed class ManagedFlooder
    {
        /// <summary>Pass as SNR when the radio driver does not report one.</summary>
        public const int SnrUnknown = int.MinValue;

        private readonly NodeId self;
        private readonly FloodHistory history;
        private readonly byte[][] slotFrames;
        private readonly int[] slotLengths;
        private readonly long[] slotDue;
        private readonly ulong[] slotSenders;
        private readonly ulong[] slotSequences;
        private readonly int[] slotHeard;
        private readonly bool[] slotUsed;
        private readonly long[] decodeErrors;
        private readonly int maxFrameLength;
        private readonly int jitterWindowMs;
        private readonly int snrWindowMs;
        private readonly int snrMinDb;
        private readonly int snrMaxDb;
        private readonly int suppressionThreshold;
        private uint random;

        /// <summary>Creates a flooder for node <paramref name="self"/>; all memory is allocated here.</summary>
        public ManagedFlooder(NodeId self, FloodingOptions options)
        {
            if (options == null)
            {
                throw new System.ArgumentNullException(nameof(options));
            }

            if (options.HistoryCapacity < 1 || options.PendingCapacity < 1 || options.MaxFrameLength < WireFormat.HeaderLength
                || options.JitterWindowMs < 0 || options.SnrWindowMs < 0 || options.SnrMaxDb <= options.SnrMinDb || options.SuppressionThreshold < 0)
            {
                throw new System.ArgumentException("Flooding option out of range.", nameof(options));
            }

            this.self = self;
            history = new FloodHistory(options.HistoryCapacity);
            int slots = options.PendingCapacity;
            slotFrames = new byte[slots][];
            for (int i = 0; i < slots; i++)
            {
                slotFrames[i] = new byte[options.MaxFrameLength];
            }

            slotLengths = new int[slots];
            slotDue = new long[slots];
            slotSenders = new ulong[slots];
            slotSequences = new ulong[slots];
            slotHeard = new int[slots];
            slotUsed = new bool[slots];
            decodeErrors = new long[WireFormat.FrameErrorCount];
            maxFrameLength = options.MaxFrameLength;
            jitterWindowMs = options.JitterWindowMs;
            snrWindowMs = options.SnrWindowMs;
            snrMinDb = options.SnrMinDb;
            snrMaxDb = options.SnrMaxDb;
            suppressionThreshold = options.SuppressionThreshold;
            random = options.Seed == 0 ? 0x2545F491u : options.Seed;
        }

        /// <summary>Frames passed to <see cref="OnReceive"/>.</summary>
        public long Received { get; private set; }

        /// <summary>New frames (first copies from others).</summary>
        public long Delivered { get; private set; }

        /// <summary>Copies of frames already seen.</summary>
        public long Duplicates { get; private set; }

        /// <summary>This node's own frames heard back.</summary>
        public long OwnEchoes { get; private set; }

        /// <summary>Frames rejected by the decoder (sum of <see cref="DecodeErrors"/>).</summary>
        public long Rejected { get; private set; }

        /// <summary>Rebroadcasts scheduled.</summary>
        public long RebroadcastsScheduled { get; private set; }

        /// <summary>Rebroadcasts handed to the driver.</summary>
        public long RebroadcastsSent { get; private set; }

        /// <summary>Rebroadcasts cancelled because neighbours were heard relaying the frame first.</summary>
        public long Suppressed { get; private set; }

        /// <summary>New frames not relayed because they reached their hop limit.</summary>
        public long HopLimitReached { get; private set; }

        /// <summary>New frames not relayed because they carry the NoRelay flag.</summary>
        public long NoRelayFrames { get; private set; }

        /// <summary>New frames not relayed because every pending slot was taken.</summary>
        public long PendingFull { get; private set; }

        /// <summary>Remembered ids forgotten to make room (a very late copy may then be relayed again).</summary>
        public long HistoryEvictions
        {
            get { return history.Evictions; }
        }

        /// <summary>Rebroadcasts waiting.</summary>
        public int PendingCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < slotUsed.Length; i++)
                {
                    if (slotUsed[i])
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>When the next rebroadcast is due; <see cref="long.MaxValue"/> when none waits.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < slotUsed.Length; i++)
                {
                    if (slotUsed[i] && slotDue[i] < next)
                    {
                        next = slotDue[i];
                    }
                }

                return next;
            }
        }

        /// <summary>Frames rejected with <paramref name="error"/>.</summary>
        public long DecodeErrors(FrameError error)
        {
            int i = (int)error;
            return i >= 0 && i < decodeErrors.Length ? decodeErrors[i] : 0;
        }

        /// <summary>
        /// Records a frame this node is about to transmit itself, so that neighbours' relays of it
        /// are recognised as echoes. The driver transmits the frame; the flooder keeps no copy.
        /// </summary>
        public FrameError Originate(byte[] frame, int offset, int count)
        {
            FrameHeader header;
            FrameError error = FrameCodec.DecodeExact(frame, offset, count, maxFrameLength - WireFormat.HeaderLength, out header);
            if (error == FrameError.None && !history.Contains(header.Sender.Value, header.Sequence))
            {
                history.Add(header.Sender.Value, header.Sequence);
            }

            return error;
        }

        /// <summary>
        /// Handles one frame heard on the medium (exactly one frame in the range). A new frame that
        /// may travel further is copied into a pending slot with its hop count raised and a delay
        /// drawn; <paramref name="snrDb"/> is the driver's SNR for it, or <see cref="SnrUnknown"/>.
        /// </summary>
        public FloodOutcome OnReceive(byte[] frame, int offset, int count, int snrDb, long nowMs, out FrameHeader header)
        {
            Received++;
            FrameError error = FrameCodec.DecodeExact(frame, offset, count, maxFrameLength - WireFormat.HeaderLength, out header);
            if (error != FrameError.None)
            {
                decodeErrors[(int)error]++;
                Rejected++;
                return FloodOutcome.Rejected;
            }

            ulong sender = header.Sender.Value;
            ulong sequence = header.Sequence;
            if (sender == self.Value)
            {
                OwnEchoes++;
                return FloodOutcome.Own;
            }

            if (history.Contains(sender, sequence))
            {
                Duplicates++;
                int slot = FindSlot(sender, sequence);
                if (slot >= 0 && suppressionThreshold > 0 && ++slotHeard[slot] >= suppressionThreshold)
                {
                    slotUsed[slot] = false;
                    Suppressed++;
                }

                return FloodOutcome.Duplicate;
            }

            history.Add(sender, sequence);
            Delivered++;
            if (header.HasFlag(FrameFlags.NoRelay))
            {
                NoRelayFrames++;
            }
            else if (header.HopCount >= header.HopLimit)
            {
                HopLimitReached++;
            }
            else
            {
                Schedule(frame, offset, count, sender, sequence, snrDb, nowMs);
            }

            return FloodOutcome.Deliver;
        }

        /// <summary>
        /// Copies the earliest rebroadcast due at <paramref name="nowMs"/> into the destination and
        /// frees its slot. False when none is due or the destination is too small (then it stays).
        /// </summary>
        public bool TryTakeDue(long nowMs, byte[] destination, int destinationOffset, int destinationCount, out int written)
        {
            written = 0;
            int best = -1;
            for (int i = 0; i < slotUsed.Length; i++)
            {
                if (slotUsed[i] && slotDue[i] <= nowMs && (best < 0 || slotDue[i] < slotDue[best]))
                {
                    best = i;
                }
            }

            if (best < 0 || destination == null || destinationOffset < 0 || destinationCount < slotLengths[best]
                || destinationOffset > destination.Length - slotLengths[best])
            {
                return false;
            }

            System.Array.Copy(slotFrames[best], 0, destination, destinationOffset, slotLengths[best]);
            written = slotLengths[best];
            slotUsed[best] = false;
            RebroadcastsSent++;
            return true;
        }

        /// <summary>
        /// The rebroadcast delay for a frame heard at <paramref name="snrDb"/>: SNR-driven part plus
        /// jitter, or a random point of the whole window when the SNR is unknown.
        /// </summary>
        internal int Delay(int snrDb)
        {
            if (snrDb == SnrUnknown)
            {
                return NextRandom(snrWindowMs + jitterWindowMs);
            }

            int clamped = snrDb < snrMinDb ? snrMinDb : (snrDb > snrMaxDb ? snrMaxDb : snrDb);
            int snrPart = (int)((long)(clamped - snrMinDb) * snrWindowMs / (snrMaxDb - snrMinDb));
            return snrPart + NextRandom(jitterWindowMs);
        }

        private void Schedule(byte[] frame, int offset, int count, ulong sender, ulong sequence, int snrDb, long nowMs)
        {
            int slot = -1;
            for (int i = 0; i < slotUsed.Length; i++)
            {
                if (!slotUsed[i])
                {
                    slot = i;
                    break;
                }
            }

            if (slot < 0)
            {
                PendingFull++;
                return;
            }

            byte[] copy = slotFrames[slot];
            System.Array.Copy(frame, offset, copy, 0, count);
            FrameCodec.TryIncrementHopCount(copy, 0); // below the limit: checked by the caller
            slotLengths[slot] = count;
            slotSenders[slot] = sender;
            slotSequences[slot] = sequence;
            slotHeard[slot] = 0;
            slotDue[slot] = nowMs + Delay(snrDb);
            slotUsed[slot] = true;
            RebroadcastsScheduled++;
        }

        private int FindSlot(ulong sender, ulong sequence)
        {
            for (int i = 0; i < slotUsed.Length; i++)
            {
                if (slotUsed[i] && slotSequences[i] == sequence && slotSenders[i] == sender)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>xorshift32: a value in [0, bound); 0 when bound is 0 or less.</summary>
        private int NextRandom(int bound)
        {
            uint x = random;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            random = x;
            return bound <= 0 ? 0 : (int)(x % (uint)bound);
        }
    }
}
