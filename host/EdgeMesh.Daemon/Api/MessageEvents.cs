using System;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>Converts between API messages and payload bytes.</summary>
    public static class MessageEvents
    {
        /// <summary>The API form of a delivered message: text for Text payloads, base64 for the rest.</summary>
        public static MessageEvent From(MeshMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            var e = new MessageEvent
            {
                Topic = message.Topic,
                Sender = message.Sender,
                PayloadType = message.PayloadType,
                TimestampMs = message.TimestampMs,
                LatencyMs = message.ReceivedMs - message.TimestampMs,
            };
            e.Text = TextOf(message.PayloadType, message.Payload, out string? base64);
            e.Base64 = base64;
            return e;
        }

        /// <summary>The text of a Text payload; for any other payload null, and the bytes as <paramref name="base64"/>.</summary>
        internal static string? TextOf(ushort payloadType, byte[] payload, out string? base64)
        {
            base64 = null;
            if (payloadType == PayloadType.Text && TextCodec.Decode(payload, 0, payload.Length, out TextView text) == FrameError.None)
            {
                return text.ToDisplayString();
            }

            base64 = Convert.ToBase64String(payload);
            return null;
        }

        /// <summary>The payload type and bytes a publish request asks for; null with a reason when it is invalid.</summary>
        public static byte[]? ToPayload(PublishRequest request, out ushort payloadType, out string error)
        {
            ArgumentNullException.ThrowIfNull(request);
            payloadType = PayloadType.Raw;
            error = string.Empty;
            if ((request.Text == null) == (request.Base64 == null))
            {
                error = "give exactly one of text and base64";
                return null;
            }

            if (request.Text != null)
            {
                payloadType = PayloadType.Text;
                var buffer = new byte[TextCodec.HeaderLength + System.Text.Encoding.UTF8.GetByteCount(request.Text)];
                if (TextCodec.Encode(request.Text, buffer, 0, buffer.Length, out int written) != FrameError.None)
                {
                    error = "the text cannot be encoded";
                    return null;
                }

                return buffer.AsSpan(0, written).ToArray();
            }

            payloadType = request.PayloadType ?? PayloadType.Raw;
            try
            {
                return Convert.FromBase64String(request.Base64!);
            }
            catch (FormatException)
            {
                error = "base64 is not valid base64";
                return null;
            }
        }
    }
}
