using System.Collections.Generic;
using EdgeMesh.Protocol.Flooding;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Flooding
{
    /// <summary>
    /// A broadcast medium for tests: nodes on a plane, one transmission reaches every node within
    /// range after a fixed airtime, SNR falls with distance. Drives one <see cref="ManagedFlooder"/> per node.
    /// </summary>
    internal sealed class RadioSegment
    {
        private const long AirtimeMs = 40;
        private readonly (double X, double Y)[] positions;
        private readonly double range;
        private readonly Random random;
        private readonly double loss;
        private readonly PriorityQueue<(int Node, byte[] Frame, int Snr), (long, long)> air = new PriorityQueue<(int, byte[], int), (long, long)>();
        private long order;

        internal RadioSegment((double X, double Y)[] positions, double range, FloodingOptions options, double loss = 0, int seed = 1)
        {
            this.positions = positions;
            this.range = range;
            this.loss = loss;
            random = new Random(seed);
            Flooders = new ManagedFlooder[positions.Length];
            Received = new int[positions.Length];
            for (int i = 0; i < positions.Length; i++)
            {
                options.Seed = (uint)(i + 1) * 2654435761u;
                Flooders[i] = new ManagedFlooder(new NodeId((ulong)i + 1), options);
            }
        }

        internal ManagedFlooder[] Flooders { get; }

        /// <summary>New frames delivered per node.</summary>
        internal int[] Received { get; }

        internal long Transmissions { get; private set; }

        internal long Now { get; private set; }

        /// <summary>A line of <paramref name="n"/> nodes one unit apart.</summary>
        internal static (double, double)[] Line(int n)
        {
            var p = new (double, double)[n];
            for (int i = 0; i < n; i++)
            {
                p[i] = (i, 0);
            }

            return p;
        }

        /// <summary>A <paramref name="side"/> × <paramref name="side"/> grid, one unit apart.</summary>
        internal static (double, double)[] Grid(int side)
        {
            var p = new (double, double)[side * side];
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = (i % side, i / side);
            }

            return p;
        }

        internal static byte[] Frame(int sender, ulong sequence, int hopLimit, byte flags = 0, int payload = 20)
        {
            var header = new FrameHeader
            {
                Flags = flags,
                Kind = FrameKind.Publish,
                Security = SecurityMode.Mac,
                Priority = Priority.Telemetry,
                HopLimit = (byte)hopLimit,
                Sender = new NodeId((ulong)sender + 1),
                Sequence = sequence,
                Destination = TopicId.FromName("field/sensors"),
                PayloadLength = payload,
            };
            byte[] frame = new byte[header.FrameLength];
            FrameCodec.Encode(ref header, new byte[payload], 0, payload, frame, 0, frame.Length, out _);
            return frame;
        }

        /// <summary>Node <paramref name="node"/> originates and transmits <paramref name="frame"/> now.</summary>
        internal void Originate(int node, byte[] frame)
        {
            Assert.Equal(FrameError.None, Flooders[node].Originate(frame, 0, frame.Length));
            Transmit(node, frame);
        }

        internal void Run(long untilMs)
        {
            byte[] buffer = new byte[512];
            for (; Now <= untilMs; Now++)
            {
                while (air.TryPeek(out _, out (long Time, long Order) key) && key.Time <= Now)
                {
                    (int node, byte[] frame, int snr) = air.Dequeue();
                    if (Flooders[node].OnReceive(frame, 0, frame.Length, snr, Now, out _) == FloodOutcome.Deliver)
                    {
                        Received[node]++;
                    }
                }

                for (int i = 0; i < Flooders.Length; i++)
                {
                    while (Flooders[i].NextDeadlineMs <= Now && Flooders[i].TryTakeDue(Now, buffer, 0, buffer.Length, out int written))
                    {
                        Transmit(i, buffer.AsSpan(0, written).ToArray());
                    }
                }
            }
        }

        private void Transmit(int from, byte[] frame)
        {
            Transmissions++;
            for (int j = 0; j < positions.Length; j++)
            {
                double d = Math.Sqrt(Math.Pow(positions[j].X - positions[from].X, 2) + Math.Pow(positions[j].Y - positions[from].Y, 2));
                if (j == from || d > range || random.NextDouble() < loss)
                {
                    continue;
                }

                int snr = (int)(10 - (30 * d / range)); // 10 dB next door, -20 dB at the edge of range
                air.Enqueue((j, frame, snr), (Now + AirtimeMs, order++));
            }
        }
    }
}
