namespace Languru.Api.Streaming;

/// <summary>The log messages of <see cref="EventStreamResult{T}"/>, under the category of the concrete stream type.</summary>
internal static partial class StreamLog
{
    [LoggerMessage(EventId = 200, EventName = "StreamClientDisconnected", Level = LogLevel.Debug,
        Message = "The client disconnected during a stream; the provider call was cancelled (499).")]
    public static partial void ClientDisconnected(ILogger logger);

    [LoggerMessage(EventId = 203, EventName = "StreamCutByShutdown", Level = LogLevel.Warning,
        Message = "A stream was still running when the shutdown timeout ended; sent a server_shutting_down event.")]
    public static partial void CutByShutdown(ILogger logger);

    [LoggerMessage(EventId = 201, EventName = "StreamFailed", Level = LogLevel.Error,
        Message = "A stream failed after it started; sent an in-stream error event ({StatusCode}).")]
    public static partial void Failed(ILogger logger, int statusCode, Exception exception);
}
