namespace Languru.Contracts.Responses;

/// <summary>Reads and writes <see cref="ResponseInput"/> as a JSON string or an array of items.</summary>
public sealed class ResponseInputJsonConverter : StringOrListJsonConverter<ResponseInput, ResponseItem>
{
    /// <inheritdoc />
    protected override string Expected => "a string or an array of input items";

    /// <inheritdoc />
    protected override ResponseInput FromText(string text) => new(text);

    /// <inheritdoc />
    protected override ResponseInput FromList(IReadOnlyList<ResponseItem> items) => new(items);

    /// <inheritdoc />
    protected override string? TextOf(ResponseInput value) => value.Text;

    /// <inheritdoc />
    protected override IReadOnlyList<ResponseItem>? ListOf(ResponseInput value) => value.Items;
}
