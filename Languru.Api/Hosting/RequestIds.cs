using Languru.Providers.Chat;

namespace Languru.Api.Hosting;

/// <summary>
/// Gives every response an <c>x-request-id</c> (the OpenAI SDKs log it), reusing the client's when it sent a sane
/// one, and uses it as the request's trace identifier so that logs and 500 messages quote the same id.
/// </summary>
internal static class RequestIds
{
    public const string Header = "x-request-id";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = IsSane(incoming) ? incoming : RandomIds.Create("req_", RandomIds.LowercaseAlphanumeric, 24);
        context.TraceIdentifier = id;

        // Set as the response starts: the exception handler clears headers set before an error.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[Header] = http.TraceIdentifier;
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    private static bool IsSane(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
