using System.Globalization;
using System.Text;

namespace Languru.Providers.Chat;

/// <summary>
/// Client strings (model names, ids) as they may be written to logs: control characters and Unicode line breaks are
/// escaped (<c>\n</c>, <c>\u0085</c>), so a value can never forge a log line, and long values are cut.
/// </summary>
public static class LogText
{
    private const int MaxLength = 256;

    /// <summary>The value with control characters escaped, at most 256 characters; <c>(none)</c> for null.</summary>
    /// <param name="value">A string that came from a client.</param>
    /// <returns>Text safe for a single log line.</returns>
    public static string Escape(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var text = value.Length <= MaxLength ? value : value[..MaxLength] + "…";
        if (!NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when NeedsEscape(c) => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    // A loop over the characters, not LINQ's Any: this runs for a few strings of every request's log line.
    private static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
