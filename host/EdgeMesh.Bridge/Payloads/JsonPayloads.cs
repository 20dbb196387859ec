using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Bridge.Payloads
{
    /// <summary>
    /// The JSON form of the typed payloads (docs/mqtt.md §3): Heartbeat, Telemetry, MotionCommand and
    /// Text as objects with a "type" field; anything else as {"type":"raw","payloadType":n,"data":base64}.
    /// Inbound JSON is untrusted: size and depth are capped, every field is checked, and the binary
    /// form is produced by the protocol's own codecs, which apply their own range checks.
    /// </summary>
    internal static class JsonPayloads
    {
        /// <summary>Largest JSON document accepted from the broker.</summary>
        internal const int MaxJsonLength = 192 * 1024;

        private static readonly JsonDocumentOptions ReadOptions = new JsonDocumentOptions { MaxDepth = 6 };

        internal static bool TryToJson(ushort payloadType, ReadOnlySpan<byte> payload, out byte[] json)
        {
            json = Array.Empty<byte>();
            byte[] bytes = payload.ToArray();
            var buffer = new ArrayBufferWriter<byte>(64 + payload.Length * 2);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                switch (payloadType)
                {
                    case PayloadType.Text:
                        if (TextCodec.Decode(bytes, 0, bytes.Length, out TextView text) != FrameError.None)
                        {
                            return false;
                        }

                        w.WriteString("type", "text");
                        w.WriteString("text", text.ToDisplayString());
                        break;
                    case PayloadType.Telemetry:
                        if (TelemetryCodec.Decode(bytes, 0, bytes.Length, out TelemetryView telemetry) != FrameError.None)
                        {
                            return false;
                        }

                        w.WriteString("type", "telemetry");
                        w.WriteStartArray("readings");
                        for (int i = 0; i < telemetry.Count; i++)
                        {
                            w.WriteStartObject();
                            w.WriteNumber("sensor", telemetry.GetSensorId(i));
                            WriteFloat(w, "value", telemetry.GetValue(i));
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                        break;
                    case PayloadType.MotionCommand:
                        if (MotionCommandCodec.Decode(bytes, 0, bytes.Length, out MotionCommand motion) != FrameError.None)
                        {
                            return false;
                        }

                        w.WriteString("type", "motion");
                        w.WriteNumber("sequence", motion.Sequence);
                        WriteVector(w, "linear", motion.Linear);
                        WriteVector(w, "angular", motion.Angular);
                        w.WriteNumber("durationMs", motion.DurationMs);
                        break;
                    case PayloadType.Heartbeat:
                        if (HeartbeatCodec.Decode(bytes, 0, bytes.Length, out Heartbeat hb) != FrameError.None)
                        {
                            return false;
                        }

                        w.WriteString("type", "heartbeat");
                        w.WriteNumber("status", (byte)hb.Status);
                        w.WriteNumber("stateOfCharge", hb.StateOfCharge);
                        w.WriteNumber("batteryMillivolts", hb.BatteryMillivolts);
                        w.WriteNumber("uptimeSeconds", hb.UptimeSeconds);
                        WriteVector(w, "position", hb.Pose.Position);
                        w.WriteStartArray("orientation");
                        WriteFloatValue(w, hb.Pose.Orientation.X);
                        WriteFloatValue(w, hb.Pose.Orientation.Y);
                        WriteFloatValue(w, hb.Pose.Orientation.Z);
                        WriteFloatValue(w, hb.Pose.Orientation.W);
                        w.WriteEndArray();
                        break;
                    default:
                        w.WriteString("type", "raw");
                        w.WriteNumber("payloadType", payloadType);
                        w.WriteBase64String("data", payload);
                        break;
                }

                w.WriteEndObject();
            }

            json = buffer.WrittenSpan.ToArray();
            return true;
        }

        /// <summary>The mesh payload for a JSON document; false with a reason when it is not one of the forms above.</summary>
        internal static bool TryFromJson(ReadOnlySpan<byte> json, out ushort payloadType, out byte[] payload, out string error)
        {
            payloadType = 0;
            payload = Array.Empty<byte>();
            if (json.Length == 0 || json.Length > MaxJsonLength)
            {
                error = "empty or longer than " + MaxJsonLength + " bytes";
                return false;
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(json.ToArray(), ReadOptions);
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out JsonElement typeElement) || typeElement.ValueKind != JsonValueKind.String)
                {
                    error = "not an object with a \"type\" string";
                    return false;
                }

                string? type = typeElement.GetString();
                byte[] buffer = new byte[WireFormat.MaxPayloadLength];
                int written;
                FrameError result;
                switch (type)
                {
                    case "text":
                        payloadType = PayloadType.Text;
                        result = TextCodec.Encode(root.GetProperty("text").GetString() ?? string.Empty, buffer, 0, buffer.Length, out written);
                        break;
                    case "telemetry":
                        payloadType = PayloadType.Telemetry;
                        JsonElement readings = root.GetProperty("readings");
                        int n = readings.GetArrayLength();
                        if (n > TelemetryCodec.MaxReadings)
                        {
                            error = "too many readings";
                            return false;
                        }

                        var ids = new ushort[n];
                        var values = new float[n];
                        int k = 0;
                        foreach (JsonElement r in readings.EnumerateArray())
                        {
                            ids[k] = r.GetProperty("sensor").GetUInt16();
                            values[k] = r.GetProperty("value").GetSingle();
                            k++;
                        }

                        result = TelemetryCodec.Encode(ids, values, 0, n, buffer, 0, buffer.Length, out written);
                        break;
                    case "motion":
                        payloadType = PayloadType.MotionCommand;
                        var motion = new MotionCommand(
                            root.GetProperty("sequence").GetUInt32(),
                            ReadVector(root.GetProperty("linear")),
                            ReadVector(root.GetProperty("angular")),
                            root.GetProperty("durationMs").GetUInt32());
                        result = MotionCommandCodec.Encode(motion, buffer, 0, buffer.Length, out written);
                        break;
                    case "heartbeat":
                        payloadType = PayloadType.Heartbeat;
                        float[] q = ReadFloats(root.GetProperty("orientation"), 4);
                        var hb = new Heartbeat(
                            (NodeStatus)root.GetProperty("status").GetByte(),
                            root.GetProperty("stateOfCharge").GetUInt16(),
                            root.GetProperty("batteryMillivolts").GetUInt16(),
                            root.GetProperty("uptimeSeconds").GetUInt32(),
                            new Pose(ReadVector(root.GetProperty("position")), new QuaternionF(q[0], q[1], q[2], q[3])));
                        result = HeartbeatCodec.Encode(hb, buffer, 0, buffer.Length, out written);
                        break;
                    case "raw":
                        int pt = root.GetProperty("payloadType").GetInt32();
                        if (pt < 0 || pt > ushort.MaxValue)
                        {
                            error = "payloadType out of range";
                            return false;
                        }

                        payloadType = (ushort)pt;
                        byte[] data = root.GetProperty("data").GetBytesFromBase64();
                        if (data.Length > WireFormat.MaxPayloadLength)
                        {
                            error = "data too long";
                            return false;
                        }

                        payload = data;
                        error = string.Empty;
                        return true;
                    default:
                        error = "unknown type '" + type + "'";
                        return false;
                }

                if (result != FrameError.None)
                {
                    error = "payload rejected by its codec: " + result;
                    return false;
                }

                payload = buffer.AsSpan(0, written).ToArray();
                error = string.Empty;
                return true;
            }
            catch (Exception ex) when (ex is JsonException || ex is KeyNotFoundException || ex is InvalidOperationException || ex is FormatException || ex is ArgumentException)
            {
                error = "malformed: " + ex.GetType().Name;
                return false;
            }
        }

        private static Vector3F ReadVector(JsonElement e)
        {
            float[] v = ReadFloats(e, 3);
            return new Vector3F(v[0], v[1], v[2]);
        }

        private static float[] ReadFloats(JsonElement e, int count)
        {
            if (e.GetArrayLength() != count)
            {
                throw new FormatException("expected " + count + " numbers");
            }

            var v = new float[count];
            int i = 0;
            foreach (JsonElement x in e.EnumerateArray())
            {
                v[i++] = x.GetSingle();
            }

            return v;
        }

        private static void WriteVector(Utf8JsonWriter w, string name, Vector3F v)
        {
            w.WriteStartArray(name);
            WriteFloatValue(w, v.X);
            WriteFloatValue(w, v.Y);
            WriteFloatValue(w, v.Z);
            w.WriteEndArray();
        }

        private static void WriteFloat(Utf8JsonWriter w, string name, float value)
        {
            w.WritePropertyName(name);
            WriteFloatValue(w, value);
        }

        private static void WriteFloatValue(Utf8JsonWriter w, float value)
        {
            if (float.IsFinite(value))
            {
                w.WriteNumberValue(value);
            }
            else
            {
                w.WriteNullValue(); // JSON has no NaN or infinity; codecs on the way in refuse null
            }
        }

        internal static string Describe(ReadOnlySpan<byte> json)
        {
            return Encoding.UTF8.GetString(json);
        }
    }
}
