using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>The <c>input</c> of a response request: a string (one user message) or a list of items.</summary>
[JsonConverter(typeof(ResponseInputJsonConverter))]
public sealed class ResponseInput
{
    /// <summary>Creates text input.</summary>
    /// <param name="text">The text.</param>
    public ResponseInput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>Creates input made of items.</summary>
    /// <param name="items">The items, in order.</param>
    public ResponseInput(IReadOnlyList<ResponseItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
    }

    /// <summary>The text, when the input was sent as a string.</summary>
    public string? Text { get; }

    /// <summary>The items, when the input was sent as an array.</summary>
    public IReadOnlyList<ResponseItem>? Items { get; }

    /// <summary>Creates text input.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ResponseInput(string text) => new(text);

    /// <summary>Creates text input.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The input.</returns>
    public static ResponseInput FromString(string text) => new(text);
}
