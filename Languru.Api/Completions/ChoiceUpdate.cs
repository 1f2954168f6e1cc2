using Microsoft.Extensions.AI;

namespace Languru.Api.Completions;

/// <summary>An update of choice <paramref name="Index"/>.</summary>
internal readonly record struct ChoiceUpdate(int Index, ChatResponseUpdate Update);
