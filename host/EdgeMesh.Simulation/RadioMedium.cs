using System;
using System.Collections.Generic;
using EdgeMesh.Gossip;
using EdgeMesh.Protocol.Flooding;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// A seeded discrete-event model of one shared radio channel: nodes at fixed points of a plane,
    /// each running a real <see cref="ManagedFlooder"/>. A transmission occupies the sender for its
    /// airtime (frame bits / bit rate; a node sends one frame at a time, queued in order) and, when it
    /// ends, reaches every node within range, each independently lost with the loss rate. A node that
    /// is transmitting itself hears nothing (half duplex). The receiver's SNR falls with distance
    /// (log-distance path loss) and is handed to the flooder. Collisions between overlapping
    /// transmissions are not modelled. Events: a transmission ending, a reception (one per receiver),
    /// a flooder timer, a scripted action.
    /// </summary>
    internal sealed class RadioMedium
    {
        /// <summary>SNR at the edge of the range, dB (the flooder's default "far" end).</summary>
        internal const double EdgeSnrDb = -20;

        /// <summary>Path-loss exponent of the SNR model (2 in free space, 2.7–3.5 near the ground).</summary>
        internal const double PathLossExponent = 2.7;

        private readonly DeadlineQueue<Event> queue = new DeadlineQueue<Event>();
        private readonly RadioOptions options;
        private readonly int[][] neighbours;
        private readonly int[][] snr;
        private readonly Queue<Transmission>[] outgoing;
        private readonly bool[] sending;
        private readonly long[] sendStartUs;
        private readonly long[] sendEndUs;
        private readonly long[] wakeAtUs;
        private readonly Stack<Transmission> spare = new Stack<Transmission>();
        private readonly List<Action> actions = new List<Action>();
        private readonly SeededRandom random;
        private readonly byte[] scratch;

        internal RadioMedium(RadioOptions options, double[] x, double[] y)
        {
            this.options = options;
            int n = x.Length;
            random = new SeededRandom(SeededRandom.DeriveSeed(options.Seed, 0x5AD1_0000UL));
            Flooders = new ManagedFlooder[n];
            var flooding = new FloodingOptions { SuppressionThreshold = options.SuppressionThreshold };
            scratch = new byte[flooding.MaxFrameLength];
            for (int i = 0; i < n; i++)
            {
                flooding.Seed = (uint)SeededRandom.DeriveSeed(options.Seed, (ulong)i + 1) | 1u;
                Flooders[i] = new ManagedFlooder(NetworkSimulator.IdOf(i), flooding);
            }

            neighbours = new int[n][];
            snr = new int[n][];
            var near = new List<int>();
            var nearSnr = new List<int>();
            double range2 = options.RangeMeters * options.RangeMeters;
            for (int i = 0; i < n; i++)
            {
                near.Clear();
                nearSnr.Clear();
                for (int j = 0; j < n; j++)
                {
                    double dx = x[i] - x[j];
                    double dy = y[i] - y[j];
                    double d2 = (dx * dx) + (dy * dy);
                    if (j != i && d2 <= range2)
                    {
                        near.Add(j);
                        nearSnr.Add(SnrAt(Math.Sqrt(d2), options.RangeMeters));
                    }
                }

                neighbours[i] = near.ToArray();
                snr[i] = nearSnr.ToArray();
            }

            outgoing = new Queue<Transmission>[n];
            for (int i = 0; i < n; i++)
            {
                outgoing[i] = new Queue<Transmission>();
            }

            sending = new bool[n];
            sendStartUs = new long[n];
            sendEndUs = new long[n];
            wakeAtUs = new long[n];
            Array.Fill(sendStartUs, long.MinValue);
            Array.Fill(sendEndUs, long.MinValue);
            Array.Fill(wakeAtUs, long.MaxValue);
        }

        /// <summary>A frame a node just heard for the first time (after the flooder accepted it).</summary>
        internal Action<int, FrameHeader, long>? Delivered { get; set; }

        /// <summary>A node started transmitting a frame.</summary>
        internal Action<int, byte[], int>? Transmitting { get; set; }

        /// <summary>Called with the simulated time every 65,536 events; may be null.</summary>
        internal Action<long>? Progress { get; set; }

        internal ManagedFlooder[] Flooders { get; }

        internal long NowUs { get; private set; }

        internal long Events { get; private set; }

        internal TraceHash Trace { get; } = new TraceHash();

        internal long Transmissions { get; private set; }

        /// <summary>Receptions lost to the loss rate.</summary>
        internal long Lost { get; private set; }

        /// <summary>Receptions missed because the receiver was transmitting.</summary>
        internal long HalfDuplexMisses { get; private set; }

        /// <summary>Largest hop count of any frame heard.</summary>
        internal int MaxHopCountHeard { get; private set; }

        internal IRandomSource Random
        {
            get { return random; }
        }

        /// <summary>Nodes in range of node <paramref name="i"/>.</summary>
        internal int[] NeighboursOf(int i)
        {
            return neighbours[i];
        }

        /// <summary>SNR (dB, rounded) of a frame heard at <paramref name="distance"/> metres: log-distance path loss, <see cref="EdgeSnrDb"/> at the range.</summary>
        internal static int SnrAt(double distance, double range)
        {
            double d = Math.Max(distance, range / 1000);
            return (int)Math.Round(EdgeSnrDb + (10 * PathLossExponent * Math.Log10(range / d)));
        }

        /// <summary>Airtime of a frame of <paramref name="bytes"/> bytes, microseconds.</summary>
        internal long AirtimeUs(int bytes)
        {
            return Math.Max(1, bytes * 8L * 1_000_000L / options.BitrateBps);
        }

        internal void Schedule(long atUs, Action action)
        {
            actions.Add(action);
            queue.Push(atUs, new Event { Kind = EventKind.Action, Aux = actions.Count - 1 });
        }

        /// <summary>Hands a frame a node originates to its flooder (so echoes are recognised) and to its radio.</summary>
        internal FrameError Originate(int node, byte[] frame, int length)
        {
            FrameError error = Flooders[node].Originate(frame, 0, length);
            if (error == FrameError.None)
            {
                Send(node, frame, length);
            }

            return error;
        }

        internal void RunUntil(long endUs)
        {
            while (queue.NextDue <= endUs)
            {
                queue.TryPop(out long due, out Event e);
                NowUs = due;
                Events++;
                Trace.Add(((ulong)due << 8) ^ (ulong)e.Kind);
                Trace.Add(((ulong)(uint)e.Node << 32) | (uint)(e.Tx?.Length ?? e.Aux));
                switch (e.Kind)
                {
                    case EventKind.Action:
                        actions[e.Aux]();
                        actions[e.Aux] = null!;
                        break;
                    case EventKind.TransmitEnd:
                        EndTransmission(e.Node, e.Tx!);
                        break;
                    case EventKind.Receive:
                        Receive(e.Node, e.Tx!, e.Aux);
                        break;
                    case EventKind.Wake:
                        Wake(e.Node, due);
                        break;
                }

                if ((Events & 0xFFFF) == 0)
                {
                    Progress?.Invoke(NowUs);
                }
            }

            NowUs = Math.Max(NowUs, endUs);
        }

        private void Send(int node, byte[] frame, int length)
        {
            Transmission t = spare.Count > 0 ? spare.Pop() : new Transmission(scratch.Length);
            Array.Copy(frame, 0, t.Frame, 0, length);
            t.Length = length;
            t.Pending = 0;
            outgoing[node].Enqueue(t);
            if (!sending[node])
            {
                StartTransmission(node);
            }
        }

        private void StartTransmission(int node)
        {
            Transmission t = outgoing[node].Dequeue();
            sending[node] = true;
            sendStartUs[node] = NowUs;
            sendEndUs[node] = NowUs + AirtimeUs(t.Length);
            t.StartUs = NowUs;
            Transmissions++;
            Transmitting?.Invoke(node, t.Frame, t.Length);
            queue.Push(sendEndUs[node], new Event { Kind = EventKind.TransmitEnd, Node = node, Tx = t });
        }

        private void EndTransmission(int node, Transmission t)
        {
            sending[node] = false;
            int[] near = neighbours[node];
            for (int k = 0; k < near.Length; k++)
            {
                int j = near[k];
                if (options.Loss > 0 && random.NextDouble() < options.Loss)
                {
                    Lost++;
                }
                else if (sendStartUs[j] < NowUs && sendEndUs[j] > t.StartUs)
                {
                    HalfDuplexMisses++;
                }
                else
                {
                    t.Pending++;
                    queue.Push(NowUs, new Event { Kind = EventKind.Receive, Node = j, Tx = t, Aux = options.UseSnr ? snr[node][k] : ManagedFlooder.SnrUnknown });
                }
            }

            Release(t);
            if (outgoing[node].Count > 0)
            {
                StartTransmission(node);
            }
        }

        private void Receive(int node, Transmission t, int snrDb)
        {
            t.Pending--;
            FloodOutcome outcome = Flooders[node].OnReceive(t.Frame, 0, t.Length, snrDb, NowUs / 1000, out FrameHeader header);
            MaxHopCountHeard = Math.Max(MaxHopCountHeard, header.HopCount);
            if (outcome == FloodOutcome.Deliver)
            {
                Delivered?.Invoke(node, header, NowUs);
            }

            Release(t);
            ScheduleWake(node);
        }

        private void Wake(int node, long due)
        {
            if (due != wakeAtUs[node])
            {
                return; // superseded by an earlier or later deadline
            }

            wakeAtUs[node] = long.MaxValue;
            ManagedFlooder flooder = Flooders[node];
            while (flooder.TryTakeDue(NowUs / 1000, scratch, 0, scratch.Length, out int written))
            {
                Send(node, scratch, written);
            }

            ScheduleWake(node);
        }

        private void ScheduleWake(int node)
        {
            long due = Flooders[node].NextDeadlineMs;
            long dueUs = due == long.MaxValue ? long.MaxValue : Math.Max(NowUs, due * 1000);
            if (dueUs != wakeAtUs[node])
            {
                wakeAtUs[node] = dueUs;
                if (dueUs != long.MaxValue)
                {
                    queue.Push(dueUs, new Event { Kind = EventKind.Wake, Node = node });
                }
            }
        }

        private void Release(Transmission t)
        {
            if (t.Pending == 0)
            {
                spare.Push(t);
            }
        }

        private enum EventKind : byte
        {
            Action = 0,
            TransmitEnd = 1,
            Receive = 2,
            Wake = 3,
        }

        private struct Event
        {
            public EventKind Kind;
            public int Node;
            public int Aux;
            public Transmission? Tx;
        }

        private sealed class Transmission
        {
            internal Transmission(int size)
            {
                Frame = new byte[size];
            }

            internal byte[] Frame { get; }

            internal int Length { get; set; }

            internal int Pending { get; set; }

            internal long StartUs { get; set; }
        }
    }
}
