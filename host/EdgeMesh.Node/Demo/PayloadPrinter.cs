using System;
using System.Globalization;
using System.Text;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Node.Demo
{
    /// <summary>Decodes a received payload by its type and describes it in one line.</summary>
    internal static class PayloadPrinter
    {
        internal static string Describe(ushort payloadType, byte[] buffer, int offset, int count)
        {
            FrameError error;
            switch (payloadType)
            {
                case PayloadType.Heartbeat:
                    error = HeartbeatCodec.Decode(buffer, offset, count, out Heartbeat hb);
                    return error != FrameError.None ? Failed(error) : Invariant(
                        $"Heartbeat status={hb.Status} battery={hb.StateOfCharge / 100.0:0.00}% {hb.BatteryMillivolts} mV uptime={hb.UptimeSeconds}s pos=({hb.Pose.Position.X:0.00},{hb.Pose.Position.Y:0.00},{hb.Pose.Position.Z:0.00})");
                case PayloadType.MotionCommand:
                    error = MotionCommandCodec.Decode(buffer, offset, count, out MotionCommand mc);
                    return error != FrameError.None ? Failed(error) : Invariant(
                        $"MotionCommand #{mc.Sequence} linear.x={mc.Linear.X:0.00} m/s angular.z={mc.Angular.Z:0.00} rad/s for {mc.DurationMs} ms");
                case PayloadType.Telemetry:
                    error = TelemetryCodec.Decode(buffer, offset, count, out TelemetryView tv);
                    if (error != FrameError.None)
                    {
                        return Failed(error);
                    }

                    var text = new StringBuilder("Telemetry");
                    for (int i = 0; i < tv.Count; i++)
                    {
                        text.Append(CultureInfo.InvariantCulture, $" sensor{tv.GetSensorId(i)}={tv.GetValue(i):0.###}");
                    }

                    return text.ToString();
                case PayloadType.Text:
                    error = TextCodec.Decode(buffer, offset, count, out TextView tx);
                    return error != FrameError.None ? Failed(error) : "Text \"" + tx.ToDisplayString() + "\"";
                case PayloadType.LlmRequest:
                case PayloadType.LlmResponse:
                    error = LlmChunkCodec.Decode(buffer, offset, count, out LlmChunk chunk);
                    return error != FrameError.None ? Failed(error) : Invariant(
                        $"{(payloadType == PayloadType.LlmRequest ? "LlmRequest" : "LlmResponse")} #{chunk.CorrelationId:x} chunk {chunk.ChunkIndex + 1}/{chunk.ChunkCount}{(chunk.IsFinal ? " final" : string.Empty)} \"{chunk.ToDisplayString()}\"");
                default:
                    error = RawCodec.Decode(buffer, offset, count, out RawView raw);
                    return error != FrameError.None ? Failed(error) : "Raw " + Hex.Format(raw.Buffer, raw.DataOffset, raw.DataLength);
            }
        }

        private static string Invariant(FormattableString text)
        {
            return text.ToString(CultureInfo.InvariantCulture);
        }

        private static string Failed(FrameError error)
        {
            return "undecodable payload: " + error;
        }
    }
}
