namespace Languru.Providers.Chat;

/// <summary>What the HTTP providers' error mappings share: quoting upstream text safely, and telling "unreachable" apart.</summary>
internal static class UpstreamFailure
{
    private const int MaxQuotedLength = 500;

    /// <summary>Upstream text as the gateway may repeat it: the key redacted, and at most 500 characters.</summary>
    public static string? Quote(string? text, string? secret = null)
    {
        if (text is null)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");
    }

    /// <summary>
    /// Whether the connection attempt ran out of <c>ConnectTimeout</c> (the handler throws a cancellation caused by a
    /// <see cref="TimeoutException"/>), rather than one of the call's own deadlines or the caller cancelling.
    /// </summary>
    public static bool IsConnectTimeout(Exception exception, UpstreamDeadline? deadline)
    {
        if (deadline?.Token.IsCancellationRequested == true)
        {
            return false;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The 503 of a connection attempt that ran out of <c>ConnectTimeout</c>.</summary>
    /// <param name="upstream">How to name the upstream, e.g. "The upstream 'openai'".</param>
    /// <param name="provider">The provider's configured name.</param>
    /// <param name="cause">The cancellation.</param>
    /// <param name="detail">Where it tried to connect, for the debug log.</param>
    public static ChatProviderException ConnectTimedOut(string upstream, string provider, Exception cause, string detail) =>
        new(ChatProviderErrorKind.Unavailable, $"{upstream} could not be connected to within its ConnectTimeout (Languru:Providers:{provider}:ConnectTimeout).", cause)
        {
            Provider = provider,
            Detail = detail,
        };

    /// <summary>Names the provider and model on a failure (kept when already set), for the log and for retries.</summary>
    public static ChatProviderException Attribute(ChatProviderException exception, string provider, string model)
    {
        exception.Provider ??= provider;
        exception.Model ??= model;
        return exception;
    }

    /// <summary>Why the upstream could not be reached (refused, unknown host, TLS), looking through wrappers; null when it was reached.</summary>
    public static string? UnreachableReason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException socket)
            {
                return socket.Message;
            }

            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } http)
            {
                return http.Message;
            }
        }

        return null;
    }
}
