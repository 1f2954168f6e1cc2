using FluentValidation;
using Languru.Api.Completions;
using Languru.Api.Hosting;
using Languru.Api.Limits;
using Languru.Api.Mapping;
using Languru.Api.Streaming;
using Languru.Contracts.Chat;
using Languru.Contracts.Errors;
using Languru.Providers.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Languru.Api.Controllers;

/// <summary>OpenAI-compatible chat completions.</summary>
[ApiController]
public sealed class ChatCompletionsController(
    IModelRouter router,
    IValidator<ChatCompletionRequest> validator,
    TimeProvider timeProvider) : ControllerBase
{
    /// <summary>Creates a chat completion.</summary>
    /// <remarks>
    /// Routes <c>model</c> to a provider and returns a <c>chat.completion</c>, or, with <c>"stream": true</c>, a
    /// <c>text/event-stream</c> of <c>chat.completion.chunk</c> events ending with <c>data: [DONE]</c>.
    /// The model <c>default</c> (the built-in echo provider) works with no configuration.
    /// </remarks>
    /// <param name="request">The request; <c>prompt</c> may replace <c>messages</c> for a single user message.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects; cancels the provider call.</param>
    /// <returns>The completion, or its stream.</returns>
    [HttpPost("v1/chat/completions", Name = "CreateChatCompletion")]
    [Consumes("application/json")]
    [ProducesResponseType<ChatCompletion>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status413PayloadTooLarge, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status502BadGateway, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status504GatewayTimeout, "application/json")]
    public async Task<IActionResult> CreateChatCompletion(
        [FromBody, ValidateNever] ChatCompletionRequest request,
        CancellationToken cancellationToken)
    {
        if (this.Refusal(validator, request, r => r.Model) is { } refusal)
        {
            return refusal;
        }

        var route = await router.ResolveAsync(request.Model!, cancellationToken);
        HttpContext.TrackRoute(route);
        var client = route.Client.WithUsageReporting(HttpContext);
        var messages = ChatRequestMapper.ToChatMessages(request);
        var options = ChatRequestMapper.ToChatOptions(request, route.UpstreamModelId);
        var header = CompletionHeader.Create(request.Model!, timeProvider);
        var n = request.N ?? 1;
        if (request.Stream != true)
        {
            var responses = await ChoiceFanOut.GetResponsesAsync(client, messages, options, n, cancellationToken);
            return ChatCompletionResult.Create(header, responses);
        }

        var updates = ChoiceFanOut.StreamAsync(client, messages, options, n, cancellationToken);
        var chunks = ChatChunkMapper.ToChunksAsync(updates, header, n, request.StreamOptions?.IncludeUsage == true, cancellationToken);
        return await ChatCompletionStreamResult.StartAsync(chunks, cancellationToken);
    }

    /// <summary>The same as <c>POST /v1/chat/completions</c>, for clients whose base URL has no <c>/v1</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The completion, or its stream.</returns>
    [HttpPost("chat/completions")]
    [Consumes("application/json")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public Task<IActionResult> CreateChatCompletionUnversioned(
        [FromBody, ValidateNever] ChatCompletionRequest request,
        CancellationToken cancellationToken) => CreateChatCompletion(request, cancellationToken);
}
