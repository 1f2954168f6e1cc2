using System.Text;

namespace Languru.Api.Mapping;

/// <summary>
/// Joins the text pieces of one answer or chunk: the usual single piece is kept as it is, with no builder and no copy;
/// a builder only from the second.
/// </summary>
internal struct TextParts
{
    private string? _first;
    private StringBuilder? _more;

    public void Add(string piece)
    {
        if (_more is not null)
        {
            _more.Append(piece);
        }
        else if (_first is null)
        {
            _first = piece;
        }
        else
        {
            _more = new StringBuilder(_first).Append(piece);
        }
    }

    /// <summary>The pieces joined; null when there were none.</summary>
    public readonly string? Text => _more?.ToString() ?? _first;
}
