using Microsoft.AspNetCore.Diagnostics;

namespace Languru.Api.Errors;

/// <summary>
/// The envelope for responses that end with an error status and no body: unknown URL (404), wrong method (405),
/// wrong content type (415), and anything else the framework answers bare.
/// </summary>
internal static class StatusCodeErrors
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var error = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ApiError.InvalidRequest(
                $"Unknown request URL: {request.Method} {request.Path}. This gateway does not serve that endpoint; it serves {ServedEndpoints(http)} (see /docs).",
                code: "unknown_url",
                statusCode: StatusCodes.Status404NotFound),
            StatusCodes.Status405MethodNotAllowed => ApiError.InvalidRequest(
                $"Method {request.Method} is not allowed on {request.Path}; allowed: {http.Response.Headers.Allow}.",
                code: "method_not_allowed",
                statusCode: StatusCodes.Status405MethodNotAllowed),
            StatusCodes.Status415UnsupportedMediaType => ApiError.InvalidRequest(
                $"Unsupported Content-Type '{request.ContentType}': send the request body as JSON with 'Content-Type: application/json'.",
                code: "unsupported_media_type",
                statusCode: StatusCodes.Status415UnsupportedMediaType),
            >= StatusCodes.Status500InternalServerError and var status => new ApiError(
                status, new() { Message = $"The gateway failed with status {status}.", Type = ErrorTypes.Server }),
            var status => ApiError.InvalidRequest($"The request failed with status {status}.", statusCode: status),
        };

        return ErrorWriter.WriteAsync(http, error, http.RequestAborted);
    }

    /// <summary>The API's endpoints (under /v1), as "METHOD /path", from the routing table itself so that the list stays true.</summary>
    private static string ServedEndpoints(HttpContext http)
    {
        var endpoints = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{**", "{", StringComparison.Ordinal), Method: m)))
            .Distinct()
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ThenBy(e => e.Method, StringComparer.Ordinal)
            .Select(e => $"{e.Method} {e.Path}");
        return string.Join(", ", endpoints);
    }
}
