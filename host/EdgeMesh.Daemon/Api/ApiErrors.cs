using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>
    /// Every HTTP error of the local API carries a JSON body <c>{ error, detail }</c>: routes write
    /// their own, and this middleware fills in the ones the framework answers without a body
    /// (unknown route, wrong method, wrong content type, a body that is not JSON or has a field of
    /// the wrong type), so a client never has to guess from an empty 400.
    /// </summary>
    internal static class ApiErrors
    {
        /// <summary>An <see cref="IResult"/> with an <see cref="ApiError"/> body.</summary>
        internal static IResult Result(int statusCode, string error, string? detail = null)
        {
            return Results.Json(new ApiError { Error = error, Detail = detail }, ApiJsonContext.Default.ApiError, statusCode: statusCode);
        }

        /// <summary>Writes an <see cref="ApiError"/> answer unless the response has started.</summary>
        internal static Task WriteAsync(HttpContext context, int statusCode, string error, string? detail = null)
        {
            if (context.Response.HasStarted)
            {
                return Task.CompletedTask;
            }

            context.Response.StatusCode = statusCode;
            return Result(statusCode, error, detail).ExecuteAsync(context);
        }

        /// <summary>Adds the middleware; routes must be mapped with <c>ThrowOnBadRequest</c> so binding failures reach it.</summary>
        internal static void Use(WebApplication app)
        {
            app.Use(async (context, next) =>
            {
                try
                {
                    await next(context).ConfigureAwait(false);
                }
                catch (BadHttpRequestException e)
                {
                    (string error, string? detail) = Describe(e);
                    await WriteAsync(context, e.StatusCode, error, detail).ConfigureAwait(false);
                    return;
                }

                int status = context.Response.StatusCode;
                if (status >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null or 0)
                {
                    (string error, string? detail) = ForStatus(context, status);
                    await WriteAsync(context, status, error, detail).ConfigureAwait(false);
                }
            });
        }

        /// <summary>The sentence and detail for a request the framework refused while reading it.</summary>
        internal static (string Error, string? Detail) Describe(BadHttpRequestException e)
        {
            if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                return ("the body must be JSON", "send it with Content-Type: application/json");
            }

            if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return ("the request body is too large", null);
            }

            for (Exception? inner = e.InnerException; inner != null; inner = inner.InnerException)
            {
                if (inner is JsonException json)
                {
                    return ("the body is not valid JSON for this request", Where(json));
                }
            }

            return e.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                ? ("the request needs a JSON body", "send a JSON object with Content-Type: application/json (docs/api.md)")
                : ("the request is malformed", null);
        }

        private static string Where(JsonException e)
        {
            string at = e.LineNumber.HasValue
                ? "line " + (e.LineNumber.Value + 1) + ", byte " + ((e.BytePositionInLine ?? 0) + 1)
                : "the body";
            return e.Path is { Length: > 1 } path && path != "$"
                ? at + ": field " + path.TrimStart('$', '.') + " has the wrong type or is cut off"
                : at + ": not JSON, or not a JSON object";
        }

        private static (string Error, string? Detail) ForStatus(HttpContext context, int status)
        {
            string route = context.Request.Method + " " + context.Request.Path;
            return status switch
            {
                StatusCodes.Status404NotFound => ("no such route: " + route, "see docs/api.md for the routes"),
                StatusCodes.Status405MethodNotAllowed => ("this route does not take " + context.Request.Method, null),
                StatusCodes.Status415UnsupportedMediaType => ("the body must be JSON", "send it with Content-Type: application/json"),
                _ => ("HTTP " + status, null),
            };
        }
    }
}
