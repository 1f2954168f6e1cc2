using System.Globalization;
using Languru.Api.Hosting;
using Languru.Contracts.Errors;

namespace Languru.Api.Errors;

/// <summary>Writes an <see cref="ApiError"/> as the OpenAI envelope. Every error response goes through here.</summary>
internal static class ErrorWriter
{
    public static Task WriteAsync(HttpContext context, ApiError error, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return response.WriteAsJsonAsync(error.ToResponse(), WireJson.TypeInfo<ErrorResponse>(), "application/json", cancellationToken);
    }
}
