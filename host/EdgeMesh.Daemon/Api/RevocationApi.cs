using System;
using System.IO;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>
    /// <c>POST /v1/revocations</c>: the body is a revocation list file as <c>edgemesh fleet revoke</c>
    /// writes it. A newer list signed by the fleet root is put in force at once, saved, and spread to
    /// the mesh (docs/deploy.md); an older, equal, forged or malformed one is refused and counted.
    /// </summary>
    internal static class RevocationApi
    {
        /// <summary>Largest body read: a list with the most ids a list may hold.</summary>
        internal static readonly int MaxBodyBytes = RevocationList.EncodedLength(AdmissionLimits.MaxRevokedIds);

        internal static void Map(WebApplication app, MeshNode node)
        {
            app.MapPost("/v1/revocations", (Delegate)((HttpContext context) => ApplyAsync(node, context)));
        }

        private static async Task<IResult> ApplyAsync(MeshNode node, HttpContext context)
        {
            if (node.Profile != SecurityProfile.Production)
            {
                return ApiErrors.Result(StatusCodes.Status409Conflict, "revocation lists apply in production mode only", "this node runs in " + node.Profile.ToString().ToLowerInvariant() + " mode");
            }

            byte[]? body = await ReadBodyAsync(context).ConfigureAwait(false);
            if (body == null)
            {
                return ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, "the body is larger than any revocation list", "at most " + MaxBodyBytes + " bytes (" + AdmissionLimits.MaxRevokedIds + " ids)");
            }

            RevocationResult result = node.ApplyRevocationList(body);
            return result.Error switch
            {
                AdmissionError.None => Results.Json(
                    new RevocationResponse { Applied = true, Version = result.Version, Revoked = result.Revoked, PeersDropped = result.PeersDropped, Saved = result.Persisted },
                    ApiJsonContext.Default.RevocationResponse),
                AdmissionError.StaleRevocationList => ApiErrors.Result(StatusCodes.Status409Conflict, "not newer than the list in force", "this node holds version " + result.Version + "; issue a new one with edgemesh fleet revoke"),
                AdmissionError.BadSignature => ApiErrors.Result(StatusCodes.Status403Forbidden, "the fleet root's signature does not verify", "the list was altered or signed by another key"),
                AdmissionError.WrongFleet => ApiErrors.Result(StatusCodes.Status403Forbidden, "the list belongs to another fleet", null),
                _ => ApiErrors.Result(StatusCodes.Status400BadRequest, "not a revocation list", "send revocations.bin as written by edgemesh fleet revoke (" + result.Error + ")"),
            };
        }

        /// <summary>The body, or null when it is longer than <see cref="MaxBodyBytes"/> (never read past that).</summary>
        private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                return null;
            }

            var buffer = new byte[MaxBodyBytes + 1];
            int length = 0;
            Stream body = context.Request.Body;
            while (length < buffer.Length)
            {
                int read = await body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return length > MaxBodyBytes ? null : buffer.AsSpan(0, length).ToArray();
        }
    }
}
