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
