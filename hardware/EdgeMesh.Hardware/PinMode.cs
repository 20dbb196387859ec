namespace EdgeMesh.Hardware
{
    /// <summary>Electrical mode of a GPIO line.</summary>
    public enum PinMode
    {
        /// <summary>High-impedance input.</summary>
        Input = 0,

        /// <summary>Input with the internal pull-up enabled.</summary>
        InputPullUp = 1,

        /// <summary>Input with the internal pull-down enabled.</summary>
        InputPullDown = 2,

        /// <summary>Push-pull output.</summary>
        Output = 3,
    }
}
