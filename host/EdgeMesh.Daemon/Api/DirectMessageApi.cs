using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>
    /// The direct-message endpoints of the local API (docs/api.md): <c>POST /v1/dm</c> sends and waits
    /// for the receipt, <c>GET /v1/dm/inbox</c> takes received messages (long poll), <c>GET /v1/dm/stream</c>
    /// streams them as server-sent events. A received message is handed out once, to whichever reader
    /// takes it first.
    /// </summary>
    public static class DirectMessageApi
    {
        /// <summary>Default seconds <c>POST /v1/dm</c> waits for the receipt.</summary>
        public const double DefaultTimeoutSeconds = 30;

        /// <summary>Longest wait of <c>POST /v1/dm</c> and <c>GET /v1/dm/inbox</c>, in seconds.</summary>
        public const double MaxWaitSeconds = 3600;

        /// <summary>Default lease of <c>GET /v1/dm/inbox</c>, in seconds: an unconfirmed message comes back after it.</summary>
        public const double DefaultLeaseSeconds = 30;

        /// <summary>Longest lease, in seconds.</summary>
        public const double MaxLeaseSeconds = 3600;

        /// <summary>Most messages one <c>GET /v1/dm/inbox</c> returns.</summary>
        public const int MaxInboxBatch = 1024;

        private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

        /// <summary>Adds the endpoints for <paramref name="node"/> to <paramref name="app"/>.</summary>
        public static void Map(WebApplication app, MeshNode node)
        {
            ArgumentNullException.ThrowIfNull(app);
            app.MapPost("/v1/dm", (DmSendRequest request, HttpContext context) => SendAsync(node, request, context.RequestAborted));
            app.MapGet("/v1/dm/inbox", (HttpContext context) => InboxAsync(node, context));
            app.MapPost("/v1/dm/inbox/confirm", (DmConfirmRequest request) => Confirm(node, request));
            app.MapGet("/v1/dm/stream", (HttpContext context) => StreamAsync(node, context));
        }

        /// <summary>The API form of a received message: text for Text payloads, base64 for the rest.</summary>
        public static DmEvent ToEvent(DirectMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            var e = new DmEvent
            {
                Sender = message.Sender.ToString(),
                RequestId = message.RequestId.ToString(),
                PayloadType = message.ContentType,
                ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(message.ReceivedAtMs).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ReceivedAtMs = message.ReceivedAtMs,
                CreatedAtMs = message.CreatedAtMs,
                Path = PathName(message.Path),
            };
            e.Text = MessageEvents.TextOf(message.ContentType, message.Payload.ToArray(), out string? base64);
            e.Base64 = base64;
            return e;
        }

        /// <summary>direct, gossip, loopback or none.</summary>
        public static string PathName(DmPathKind path)
        {
            return path switch
            {
                DmPathKind.Direct => "direct",
                DmPathKind.GossipInbox => "gossip",
                DmPathKind.Loopback => "loopback",
                _ => "none",
            };
        }

        /// <summary>The API form of a receipt.</summary>
        public static DmSendResponse FromReceipt(DmReceipt receipt)
        {
            ArgumentNullException.ThrowIfNull(receipt);
            var response = new DmSendResponse
            {
                Status = receipt.StatusText,
                RequestId = receipt.RequestId.ToString(),
                Recipient = receipt.Recipient.ToString(),
                Path = PathName(receipt.Path),
                Attempts = receipt.Attempts,
            };
            if (receipt.Status == DmReceiptStatus.Rejected)
            {
                response.Reason = receipt.Reason.ToString();
                response.Error = receipt.ReasonText.Length > 0 ? receipt.ReasonText : "the recipient rejected the message";
            }
            else if (receipt.Status == DmReceiptStatus.TimedOut)
            {
                response.Error = "no acknowledgement before the message expired; it was removed from the outbox";
            }

            return response;
        }

        private static async Task<IResult> SendAsync(MeshNode node, DmSendRequest request, CancellationToken aborted)
        {
            if (!NodeIds.TryParse(request.Recipient, out NodeId recipient))
            {
                return Refused(StatusCodes.Status400BadRequest, "InvalidRecipient", "recipient: '" + request.Recipient + "' is not a node id (16 or 64 hex digits)");
            }

            double timeout = request.Timeout ?? DefaultTimeoutSeconds;
            double lifetime = request.Lifetime ?? 0;
            if (!(timeout >= 0 && timeout <= MaxWaitSeconds) || !(lifetime >= 0 && lifetime * 1000 <= DmLimits.MaxLifetimeMs) || (request.Lifetime != null && lifetime * 1000 < 1))
            {
                return Refused(StatusCodes.Status400BadRequest, "InvalidArgument", "timeout must be 0.." + MaxWaitSeconds + " seconds and lifetime 0.001.." + DmLimits.MaxLifetimeMs / 1000 + " seconds");
            }

            // Measured before encoding, so a huge text is "too large", not "cannot be encoded".
            if (request.Text != null && System.Text.Encoding.UTF8.GetByteCount(request.Text) + TextCodec.HeaderLength > DmLimits.MaxPayloadBytes)
            {
                return TooLarge();
            }

            byte[]? payload = MessageEvents.ToPayload(new PublishRequest { Text = request.Text, Base64 = request.Base64, PayloadType = request.PayloadType }, out ushort payloadType, out string error);
            if (payload == null)
            {
                return Refused(StatusCodes.Status400BadRequest, "InvalidArgument", error);
            }

            if (payload.Length > DmLimits.MaxPayloadBytes)
            {
                return TooLarge();
            }

            DmSendResult sent = node.SendDirect(recipient, payloadType, payload, (long)Math.Round(lifetime * 1000));
            if (!sent.IsQueued)
            {
                int status = sent.Error switch
                {
                    DmSendError.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
                    DmSendError.OutboxFull or DmSendError.StorageFailed => StatusCodes.Status503ServiceUnavailable,
                    DmSendError.RecipientKeyUnknown => StatusCodes.Status404NotFound,
                    _ => StatusCodes.Status400BadRequest,
                };
                return Refused(status, sent.Error.ToString(), sent.Message);
            }

            var pending = new DmSendResponse { Status = "queued", RequestId = sent.RequestId.ToString(), Recipient = recipient.ToString(), Pending = true };
            if (timeout == 0)
            {
                return Results.Json(pending, ApiJsonContext.Default.DmSendResponse, statusCode: StatusCodes.Status202Accepted);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            wait.CancelAfter(TimeSpan.FromSeconds(timeout));
            try
            {
                DmReceipt receipt = await node.WaitForReceiptAsync(sent.RequestId, wait.Token).ConfigureAwait(false);
                return Results.Json(FromReceipt(receipt), ApiJsonContext.Default.DmSendResponse);
            }
            catch (OperationCanceledException)
            {
                pending.Status = "timeout";
                pending.Error = "no acknowledgement within " + timeout.ToString(CultureInfo.InvariantCulture) + " s; the node keeps retrying until the message expires";
                return Results.Json(pending, ApiJsonContext.Default.DmSendResponse, statusCode: StatusCodes.Status202Accepted);
            }
        }

        private static IResult TooLarge()
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, nameof(DmSendError.PayloadTooLarge), "a direct message carries at most " + DmLimits.MaxPayloadBytes + " bytes (48 KiB)");
        }

        private static IResult Refused(int statusCode, string reason, string error)
        {
            var response = new DmSendResponse { Status = "rejected", Reason = reason, Error = error };
            return Results.Json(response, ApiJsonContext.Default.DmSendResponse, statusCode: statusCode);
        }

        private static async Task InboxAsync(MeshNode node, HttpContext context)
        {
            if (!TryQuery(context, "wait", 0, MaxWaitSeconds, 0, out double wait) || !TryQuery(context, "count", 1, MaxInboxBatch, MaxInboxBatch, out double count)
                || !TryQuery(context, "lease", 0, MaxLeaseSeconds, DefaultLeaseSeconds, out double lease))
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "wait must be 0.." + MaxWaitSeconds + " seconds, count 1.." + MaxInboxBatch + " and lease 0.." + MaxLeaseSeconds + " seconds").ConfigureAwait(false);
                return;
            }

            if (wait > 0)
            {
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
                timer.CancelAfter(TimeSpan.FromSeconds(wait));
                try
                {
                    await node.WaitForDirectMessageAsync(timer.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // Nothing arrived in time: an empty list.
                }
            }

            var events = new List<DmEvent>();
            if (lease == 0)
            {
                // The one-step take: deleted now, lost if this response never reaches the reader.
                foreach (DirectMessage message in node.TakeDirectMessages((int)count))
                {
                    events.Add(ToEvent(message));
                }
            }
            else
            {
                long leaseMs = Math.Max(1, (long)Math.Round(lease * 1000));
                foreach (DirectMessage message in node.LeaseDirectMessages((int)count, leaseMs, out long expires))
                {
                    DmEvent e = ToEvent(message);
                    e.LeaseExpiresAtMs = expires;
                    events.Add(e);
                }
            }

            await Results.Json(events, ApiJsonContext.Default.ListDmEvent).ExecuteAsync(context).ConfigureAwait(false);
        }

        private static IResult Confirm(MeshNode node, DmConfirmRequest request)
        {
            List<string> texts = request.RequestIds ?? new List<string>();
            if (texts.Count > MaxInboxBatch)
            {
                return Results.Json(new DmConfirmResponse { Error = "at most " + MaxInboxBatch + " request ids per call" }, ApiJsonContext.Default.DmConfirmResponse, statusCode: StatusCodes.Status400BadRequest);
            }

            var ids = new List<DmRequestId>(texts.Count);
            foreach (string text in texts)
            {
                if (!DmRequestId.TryParse(text, out DmRequestId id))
                {
                    return Results.Json(new DmConfirmResponse { Error = "'" + text + "' is not a request id (32 hex digits)" }, ApiJsonContext.Default.DmConfirmResponse, statusCode: StatusCodes.Status400BadRequest);
                }

                ids.Add(id);
            }

            int confirmed = node.ConfirmDirectMessages(ids);
            return Results.Json(new DmConfirmResponse { Confirmed = confirmed, NotLeased = ids.Count - confirmed }, ApiJsonContext.Default.DmConfirmResponse);
        }

        private static async Task StreamAsync(MeshNode node, HttpContext context)
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            CancellationToken aborted = context.RequestAborted;
            var buffer = new MemoryStream();
            try
            {
                await context.Response.WriteAsync(": subscribed\n\n", aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                while (!aborted.IsCancellationRequested)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                    wait.CancelAfter(KeepAlive);
                    try
                    {
                        await node.WaitForDirectMessageAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                    {
                        await context.Response.WriteAsync(": keep-alive\n\n", aborted).ConfigureAwait(false);
                        await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                        continue;
                    }

                    List<DirectMessage> messages = node.TakeDirectMessages(MaxInboxBatch);
                    if (messages.Count == 0)
                    {
                        return; // the node is stopping
                    }

                    buffer.SetLength(0);
                    foreach (DirectMessage message in messages)
                    {
                        buffer.Write("data: "u8);
                        JsonSerializer.Serialize(buffer, ToEvent(message), ApiJsonContext.Default.DmEvent);
                        buffer.Write("\n\n"u8);
                    }

                    await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), aborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away.
            }
        }

        private static bool TryQuery(HttpContext context, string name, double min, double max, double fallback, out double value)
        {
            string? text = context.Request.Query[name];
            if (string.IsNullOrEmpty(text))
            {
                value = fallback;
                return true;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
        }
    }
}
