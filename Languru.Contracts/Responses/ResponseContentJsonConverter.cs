namespace Languru.Contracts.Responses;

/// <summary>Reads and writes <see cref="ResponseContent"/> as a JSON string or an array of content parts.</summary>
public sealed class ResponseContentJsonConverter : StringOrListJsonConverter<ResponseContent, ResponseContentPart>
{
    /// <inheritdoc />
    protected override string Expected => "a string or an array of content parts";

    /// <inheritdoc />
    protected override ResponseContent FromText(string text) => new(text);

    /// <inheritdoc />
    protected override ResponseContent FromList(IReadOnlyList<ResponseContentPart> items) => new(items);

    /// <inheritdoc />
    protected override string? TextOf(ResponseContent value) => value.Text;

    /// <inheritdoc />
    protected override IReadOnlyList<ResponseContentPart>? ListOf(ResponseContent value) => value.Parts;
}
