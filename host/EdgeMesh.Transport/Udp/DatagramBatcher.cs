using System;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// Packs frames for the same destination back to back into datagrams of at most
    /// <see cref="MaxDatagramSize"/> bytes (docs/wire-format.md §1: frames are self-delimiting).
    /// A fixed number of slots, each with its own buffer allocated once; when every slot is taken
    /// all open batches are sent. Sans-IO: finished datagrams go to an <see cref="IDatagramSink"/>.
    /// Not thread-safe: one sender.
    /// </summary>
    internal sealed class DatagramBatcher
    {
        private readonly UdpAddress?[] _destinations;
        private readonly byte[][] _buffers;
        private readonly int[] _lengths;
        private readonly IDatagramSink _sink;
        private int _open;

        internal DatagramBatcher(int slots, int maxDatagramSize, IDatagramSink sink)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxDatagramSize, 64);
            MaxDatagramSize = maxDatagramSize;
            _sink = sink;
            _destinations = new UdpAddress?[slots];
            _lengths = new int[slots];
            _buffers = new byte[slots][];
            for (int i = 0; i < slots; i++)
            {
                _buffers[i] = new byte[maxDatagramSize];
            }
        }

        /// <summary>The datagram budget.</summary>
        internal int MaxDatagramSize { get; }

        /// <summary>Destinations with an open batch.</summary>
        internal int OpenBatches => _open;

        /// <summary>
        /// Adds one frame for <paramref name="to"/>. A frame larger than the budget is sent alone at
        /// once and true is returned in <paramref name="oversize"/>.
        /// </summary>
        internal void Add(UdpAddress to, ReadOnlySpan<byte> frame, out bool oversize)
        {
            oversize = frame.Length > MaxDatagramSize;
            if (oversize)
            {
                Flush(to);
                _sink.SendDatagram(to, frame);
                return;
            }

            int slot = Find(to);
            if (slot >= 0 && _lengths[slot] + frame.Length > MaxDatagramSize)
            {
                SendSlot(slot);
                slot = -1;
            }

            if (slot < 0)
            {
                slot = FreeSlot();
                _destinations[slot] = to;
                _open++;
            }

            frame.CopyTo(_buffers[slot].AsSpan(_lengths[slot]));
            _lengths[slot] += frame.Length;
        }

        /// <summary>Sends every open batch.</summary>
        internal void Flush()
        {
            for (int i = 0; i < _destinations.Length && _open > 0; i++)
            {
                if (_destinations[i] != null)
                {
                    SendSlot(i);
                }
            }
        }

        private void Flush(UdpAddress to)
        {
            int slot = Find(to);
            if (slot >= 0)
            {
                SendSlot(slot);
            }
        }

        private int Find(UdpAddress to)
        {
            for (int i = 0; i < _destinations.Length; i++)
            {
                UdpAddress? d = _destinations[i];
                if (d != null && (ReferenceEquals(d, to) || d.Equals(to)))
                {
                    return i;
                }
            }

            return -1;
        }

        private int FreeSlot()
        {
            if (_open == _destinations.Length)
            {
                Flush();
            }

            return Array.IndexOf(_destinations, null);
        }

        private void SendSlot(int slot)
        {
            UdpAddress to = _destinations[slot]!;
            int length = _lengths[slot];
            _destinations[slot] = null;
            _lengths[slot] = 0;
            _open--;
            if (length > 0)
            {
                _sink.SendDatagram(to, _buffers[slot].AsSpan(0, length));
            }
        }
    }
}
