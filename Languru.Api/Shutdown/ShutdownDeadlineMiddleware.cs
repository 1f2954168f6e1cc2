using Languru.Api.Errors;

namespace Languru.Api.Shutdown;

/// <summary>
/// Links every request's <see cref="HttpContext.RequestAborted"/> with <see cref="GracefulShutdown.Deadline"/>, so
/// that the end of the shutdown timeout cancels provider calls as a client disconnect would. A whole answer cut that
/// way gets <c>503 server_shutting_down</c>; a stream gets the same error as its last event (written by the stream
/// result, which asks <see cref="IsPastDeadline"/>).
/// </summary>
internal sealed class ShutdownDeadlineMiddleware(RequestDelegate next, GracefulShutdown shutdown)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var connection = context.RequestAborted;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(connection, shutdown.Deadline);
        context.RequestAborted = linked.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (shutdown.Deadline.IsCancellationRequested && !connection.IsCancellationRequested && !context.Response.HasStarted)
        {
            context.RequestAborted = connection;
            await ErrorWriter.WriteAsync(context, ShuttingDown, connection);
        }
        finally
        {
            context.RequestAborted = connection;
        }
    }

    /// <summary>The error a request still running at the deadline ends with.</summary>
    public static ApiError ShuttingDown { get; } = new(StatusCodes.Status503ServiceUnavailable, new()
    {
        Message = "The gateway is shutting down and could not finish this request in time. Retry it.",
        Type = ErrorTypes.Server,
        Code = "server_shutting_down",
    });

    /// <summary>Whether the request was cancelled because the gateway's shutdown deadline passed.</summary>
    public static bool IsPastDeadline(HttpContext context) =>
        context.RequestServices.GetService<GracefulShutdown>()?.Deadline.IsCancellationRequested == true;
}
