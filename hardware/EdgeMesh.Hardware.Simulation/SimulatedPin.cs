using System;

namespace EdgeMesh.Hardware.Simulation
{
    /// <summary>
    /// A GPIO line between a driver and a chip model. The model drives chip outputs (IRQ, DIO0) with
    /// <see cref="Drive"/>, which raises the driver's edge listener; the driver drives chip inputs (CE,
    /// NRESET) with <see cref="Write"/>, which the model observes through <see cref="Written"/>.
    /// </summary>
    public sealed class SimulatedPin : IGpioPin
    {
        private readonly IHardwareClock _clock;
        private IPinEdgeListener? _listener;
        private PinEdge _edges;
        private bool _level;

        /// <summary>Creates a line at <paramref name="initialLevel"/>.</summary>
        public SimulatedPin(int pinNumber, IHardwareClock clock, bool initialLevel)
        {
            PinNumber = pinNumber;
            _clock = clock;
            _level = initialLevel;
        }

        /// <inheritdoc />
        public int PinNumber { get; }

        /// <summary>The mode the driver last set.</summary>
        public PinMode Mode { get; private set; }

        /// <summary>Called with the new level whenever the driver writes the line.</summary>
        public Action<bool>? Written { get; set; }

        /// <summary>Edges delivered to the driver's listener.</summary>
        public long EdgesDelivered { get; private set; }

        /// <inheritdoc />
        public void SetMode(PinMode mode)
        {
            Mode = mode;
        }

        /// <inheritdoc />
        public bool Read()
        {
            return _level;
        }

        /// <inheritdoc />
        public void Write(bool high)
        {
            _level = high;
            Written?.Invoke(high);
        }

        /// <inheritdoc />
        public void SetEdgeListener(IPinEdgeListener? listener, PinEdge edges)
        {
            _listener = listener;
            _edges = listener == null ? PinEdge.None : edges;
        }

        /// <summary>The chip model sets the line's level; an edge reaches the listener if it asked for it.</summary>
        public void Drive(bool high)
        {
            if (high == _level)
            {
                return;
            }

            _level = high;
            PinEdge edge = high ? PinEdge.Rising : PinEdge.Falling;
            if (_listener != null && (_edges & edge) != 0)
            {
                EdgesDelivered++;
                _listener.OnPinEdge(PinNumber, edge, _clock.NowMicroseconds);
            }
        }
    }
}
