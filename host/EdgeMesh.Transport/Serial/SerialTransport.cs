using System;
using System.Collections.Generic;

namespace EdgeMesh.Transport.Serial
{
    /// <summary>The node's serial lines: one <see cref="SerialLink"/> per configured device, with shared counters.</summary>
    public sealed class SerialTransport : IDisposable
    {
        private readonly List<SerialLink> _links = new();

        /// <summary>Creates one link per entry of <paramref name="lines"/>; nothing is opened before <see cref="Start"/>.</summary>
        public SerialTransport(IReadOnlyList<SerialLinkOptions> lines, ILinkReceiver receiver, TimeProvider clock)
        {
            ArgumentNullException.ThrowIfNull(lines);
            foreach (SerialLinkOptions line in lines)
            {
                _links.Add(new SerialLink(line, receiver, Counters, clock));
            }
        }

        /// <summary>Counters over all lines (packets, bytes, line noise, opens, failures, drops).</summary>
        public TransportCounters Counters { get; } = new TransportCounters();

        /// <summary>The lines, in configuration order.</summary>
        public IReadOnlyList<SerialLink> Links => _links;

        /// <summary>Called with a message when a line cannot be opened or fails.</summary>
        public Action<string>? ErrorObserved
        {
            set
            {
                foreach (SerialLink link in _links)
                {
                    link.ErrorObserved = value;
                }
            }
        }

        /// <summary>Starts every line.</summary>
        public void Start()
        {
            foreach (SerialLink link in _links)
            {
                link.Start();
            }
        }

        /// <summary>Stops every line.</summary>
        public void Dispose()
        {
            foreach (SerialLink link in _links)
            {
                link.Dispose();
            }
        }
    }
}
