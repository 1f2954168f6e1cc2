namespace Languru.Contracts.Chat;

/// <summary>Reads and writes <see cref="MessageContent"/> as a JSON string or an array of content parts.</summary>
public sealed class MessageContentJsonConverter : StringOrListJsonConverter<MessageContent, ContentPart>
{
    /// <inheritdoc />
    protected override string Expected => "a string or an array of content parts";

    /// <inheritdoc />
    protected override MessageContent FromText(string text) => new(text);

    /// <inheritdoc />
    protected override MessageContent FromList(IReadOnlyList<ContentPart> items) => new(items);

    /// <inheritdoc />
    protected override string? TextOf(MessageContent value) => value.Text;

    /// <inheritdoc />
    protected override IReadOnlyList<ContentPart>? ListOf(MessageContent value) => value.Parts;
}
