using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>The model's refusal to answer (OpenAI's <c>refusal</c>), kept apart from the answer text.</summary>
public sealed class RefusalContent : AIContent
{
    /// <summary>Creates the refusal.</summary>
    /// <param name="refusal">The refusal text, or a fragment of it when streaming.</param>
    public RefusalContent(string refusal)
    {
        Refusal = refusal ?? "";
    }

    /// <summary>The refusal text.</summary>
    public string Refusal { get; }
}
