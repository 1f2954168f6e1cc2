using Microsoft.Extensions.AI;

namespace Languru.Api.Completions;

/// <summary>An update of choice <paramref name="Index"/>; a null <paramref name="Update"/> means that choice's stream ended.</summary>
internal readonly record struct ChoiceUpdate(int Index, ChatResponseUpdate? Update);
