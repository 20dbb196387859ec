namespace EdgeMesh.Node.Demo
{
    /// <summary>What the demo's receivers delivered.</summary>
    internal readonly record struct DemoResult(int FramesSent, int DeliveredOverSerial, int DeliveredOverRadio, int DuplicatesSuppressed);
}
