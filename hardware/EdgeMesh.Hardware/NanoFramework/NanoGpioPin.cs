#if NANOFRAMEWORK_1_0
using System.Device.Gpio;

namespace EdgeMesh.Hardware.NanoFramework
{
    /// <summary><see cref="IGpioPin"/> over nanoFramework.System.Device.Gpio.</summary>
    public sealed class NanoGpioPin : IGpioPin
    {
        private readonly GpioPin _pin;
        private IPinEdgeListener _listener;
        private PinEdge _edges;

        /// <summary>Wraps a pin opened on the board's GpioController.</summary>
        public NanoGpioPin(GpioPin pin)
        {
            _pin = pin;
            _pin.ValueChanged += OnValueChanged;
        }

        /// <inheritdoc />
        public int PinNumber
        {
            get { return _pin.PinNumber; }
        }

        /// <inheritdoc />
        public void SetMode(PinMode mode)
        {
            if (mode == PinMode.Output)
            {
                _pin.SetPinMode(System.Device.Gpio.PinMode.Output);
            }
            else if (mode == PinMode.InputPullUp)
            {
                _pin.SetPinMode(System.Device.Gpio.PinMode.InputPullUp);
            }
            else if (mode == PinMode.InputPullDown)
            {
                _pin.SetPinMode(System.Device.Gpio.PinMode.InputPullDown);
            }
            else
            {
                _pin.SetPinMode(System.Device.Gpio.PinMode.Input);
            }
        }

        /// <inheritdoc />
        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        /// <inheritdoc />
        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }

        /// <inheritdoc />
        public void SetEdgeListener(IPinEdgeListener listener, PinEdge edges)
        {
            _listener = listener;
            _edges = listener == null ? PinEdge.None : edges;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            PinEdge edge = e.ChangeType == PinEventTypes.Rising ? PinEdge.Rising : PinEdge.Falling;
            IPinEdgeListener listener = _listener;
            if (listener != null && (_edges & edge) != 0)
            {
                listener.OnPinEdge(_pin.PinNumber, edge, System.DateTime.UtcNow.Ticks / 10);
            }
        }
    }
}
#endif
