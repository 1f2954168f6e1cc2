using Languru.Providers.Resilience;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Routing;

/// <summary>
/// The outcome of routing a model name for one request: the targets it will try (one for a model or alias, a route's
/// targets and fallbacks for a route), behind one <see cref="Client"/> that retries and fails over, and the
/// <see cref="Outcome"/> that says who answered.
/// </summary>
public sealed class ModelRoute
{
    private readonly RoutedChatClient _client;

    internal ModelRoute(RoutedChatClient client)
    {
        _client = client;
    }

    /// <summary>The provider tried first.</summary>
    public ChatProvider Provider => _client.First.Provider;

    /// <summary>The model id the first provider receives (<c>openai/gpt-4o</c> → <c>gpt-4o</c>).</summary>
    public string UpstreamModelId => _client.First.Model;

    /// <summary>
    /// The request's client: it sets <see cref="ChatOptions.ModelId"/> to each target's model, retries, and fails over
    /// before anything was received. One per request; <c>n</c> calls through it share its plan and outcome.
    /// </summary>
    public IChatClient Client => _client;

    /// <summary>Who answered, which targets failed first, retries and fail-overs (filled in as the calls go).</summary>
    public RouteOutcome Outcome => _client.Outcome;

    /// <summary>
    /// Runs another kind of whole-answer call (e.g. embeddings) with the same retries and fail-over as
    /// <see cref="Client"/>.
    /// </summary>
    /// <typeparam name="T">The answer.</typeparam>
    /// <param name="call">The call to one target: its (configured) provider and upstream model id.</param>
    /// <param name="cancellationToken">The client's cancellation.</param>
    /// <returns>The first answer.</returns>
    public Task<T> CallAsync<T>(Func<ChatProvider, string, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _client.CallAsync((target, ct) => call(target.Provider, target.Model, ct), cancellationToken);
    }
}
