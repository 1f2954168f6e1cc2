namespace Languru.Api.Limits;

/// <summary>What a request is charged before it runs.</summary>
/// <param name="Requests">Requests (a chat completion with <c>n</c> choices counts <c>n</c>).</param>
/// <param name="Tokens">Estimated tokens, corrected later with the usage the provider reports.</param>
public readonly record struct RequestCost(int Requests, long Tokens)
{
    /// <summary>One request, no tokens (listing models, …).</summary>
    public static RequestCost One { get; } = new(1, 0);
}
