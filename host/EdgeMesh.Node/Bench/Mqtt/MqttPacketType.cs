namespace EdgeMesh.Node.Bench.Mqtt
{
    /// <summary>MQTT 3.1.1 control packet types (§2.2.1), the high nibble of the first byte.</summary>
    internal enum MqttPacketType : byte
    {
        Connect = 1,
        ConnAck = 2,
        Publish = 3,
        Subscribe = 8,
        SubAck = 9,
        PingReq = 12,
        PingResp = 13,
        Disconnect = 14,
    }
}
