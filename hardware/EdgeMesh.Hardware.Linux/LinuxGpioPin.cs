using System.Device.Gpio;

namespace EdgeMesh.Hardware.Linux
{
    /// <summary><see cref="IGpioPin"/> over a System.Device.Gpio line; edges arrive on libgpiod's event thread.</summary>
    internal sealed class LinuxGpioPin : IGpioPin
    {
        private readonly GpioController _controller;
        private readonly GpioPin _pin;
        private readonly PinChangeEventHandler _handler;
        private IPinEdgeListener? _listener;
        private bool _registered;

        internal LinuxGpioPin(GpioController controller, GpioPin pin, int line)
        {
            _controller = controller;
            _pin = pin;
            PinNumber = line;
            _handler = OnChange;
        }

        public int PinNumber { get; }

        public void SetMode(PinMode mode)
        {
            _pin.SetPinMode(ToGpio(mode));
        }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }

        public void SetEdgeListener(IPinEdgeListener? listener, PinEdge edges)
        {
            if (_registered)
            {
                _controller.UnregisterCallbackForPinValueChangedEvent(PinNumber, _handler);
                _registered = false;
            }

            _listener = listener;
            if (listener == null || edges == PinEdge.None)
            {
                return;
            }

            PinEventTypes types = PinEventTypes.None;
            if ((edges & PinEdge.Rising) != 0)
            {
                types |= PinEventTypes.Rising;
            }

            if ((edges & PinEdge.Falling) != 0)
            {
                types |= PinEventTypes.Falling;
            }

            _controller.RegisterCallbackForPinValueChangedEvent(PinNumber, types, _handler);
            _registered = true;
        }

        internal static System.Device.Gpio.PinMode ToGpio(PinMode mode)
        {
            switch (mode)
            {
                case PinMode.Output:
                    return System.Device.Gpio.PinMode.Output;
                case PinMode.InputPullUp:
                    return System.Device.Gpio.PinMode.InputPullUp;
                case PinMode.InputPullDown:
                    return System.Device.Gpio.PinMode.InputPullDown;
                default:
                    return System.Device.Gpio.PinMode.Input;
            }
        }

        private void OnChange(object sender, PinValueChangedEventArgs e)
        {
            PinEdge edge = e.ChangeType == PinEventTypes.Rising ? PinEdge.Rising : PinEdge.Falling;
            _listener?.OnPinEdge(PinNumber, edge, MonotonicClock.Shared.NowMicroseconds);
        }
    }
}
