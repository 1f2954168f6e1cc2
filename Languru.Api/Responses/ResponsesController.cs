using Languru.Api.Controllers;
using FluentValidation;
using Languru.Api.Completions;
using Languru.Api.Errors;
using Languru.Api.Hosting;
using Languru.Api.Access;
using Languru.Api.Limits;
using Languru.Contracts.Errors;
using Languru.Contracts.Responses;
using Languru.Providers.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Languru.Api.Responses;

/// <summary>OpenAI's Responses API, for every provider: translated onto the same chat pipeline as chat completions.</summary>
[ApiController]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized, "application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden, "application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound, "application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests, "application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError, "application/json")]
public sealed class ResponsesController(
    IModelRouter router,
    IValidator<CreateResponseRequest> validator,
    IResponseStore store,
    TimeProvider timeProvider) : ControllerBase
{
    /// <summary>Creates a response.</summary>
    /// <remarks>
    /// Routes <c>model</c> to a provider and returns a <c>response</c>, or, with <c>"stream": true</c>, a
    /// <c>text/event-stream</c> of named events (<c>response.created</c> … and exactly one of
    /// <c>response.completed</c>, <c>response.incomplete</c> or <c>response.failed</c>). Unless <c>store</c> is
    /// false the response is kept, for <c>GET</c> and <c>previous_response_id</c>.
    /// </remarks>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects; cancels the provider call.</param>
    /// <returns>The response, or its stream.</returns>
    [HttpPost("v1/responses", Name = "CreateResponse")]
    [Consumes("application/json")]
    [ProducesResponseType<ResponseObject>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status413PayloadTooLarge, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status502BadGateway, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status504GatewayTimeout, "application/json")]
    public async Task<IActionResult> CreateResponse([FromBody, ValidateNever] CreateResponseRequest request, CancellationToken cancellationToken)
    {
        if (this.Refusal(validator, request, r => r.Model) is { } refusal)
        {
            return refusal;
        }

        var owner = HttpContext.GetApiKeyName();
        IReadOnlyList<ResponseItem> history = [];
        if (request.PreviousResponseId is { } previousId)
        {
            if (await store.GetAsync(previousId, owner, cancellationToken) is not { } previous)
            {
                return ApiError.InvalidRequest(
                    $"Previous response with id '{previousId}' not found: it is unknown, deleted, expired, or was not stored.",
                    "previous_response_id", "previous_response_not_found", StatusCodes.Status404NotFound).ToActionResult();
            }

            history = [.. previous.InputItems, .. previous.Response.Output];
        }

        var route = await router.ResolveAsync(request.Model!, cancellationToken);
        HttpContext.TrackRoute(route);
        var client = route.Client.WithUsageReporting(HttpContext);
        var input = ResponseRequestMapper.ToInputItems(request.Input);
        var messages = ResponseRequestMapper.ToChatMessages(request.Instructions, history.Concat(input));
        var options = ResponseRequestMapper.ToChatOptions(request, route.UpstreamModelId);
        var builder = new ResponseBuilder(ResponseTemplate.Create(request, timeProvider), timeProvider);
        Task StoreAsync(ResponseObject response, CancellationToken token) => request.Store == false
            ? Task.CompletedTask
            : store.SaveAsync(new StoredResponse { Response = response, InputItems = [.. history, .. input], Owner = owner }, token);

        if (request.Stream != true)
        {
            var answer = (await ChoiceFanOut.GetResponsesAsync(client, messages, options, 1, cancellationToken))[0];
            foreach (var update in answer.ToChatResponseUpdates())
            {
                builder.Add(update);
            }

            builder.Finish();
            await StoreAsync(builder.Response, cancellationToken);
            return Ok(builder.Response);
        }

        var updates = ChoiceFanOut.StreamAsync(client, messages, options, 1, cancellationToken)
            .Select(u => u.Update);
        var events = ResponseStream.EventsAsync(updates, builder, StoreAsync, cancellationToken);
        return await ResponseStreamResult.StartAsync(events, builder, cancellationToken);
    }

    /// <summary>The same as <c>POST /v1/responses</c>, for clients whose base URL has no <c>/v1</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The response, or its stream.</returns>
    [HttpPost("responses")]
    [Consumes("application/json")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public Task<IActionResult> CreateResponseUnversioned([FromBody, ValidateNever] CreateResponseRequest request, CancellationToken cancellationToken) =>
        CreateResponse(request, cancellationToken);

    /// <summary>Gets a stored response.</summary>
    /// <param name="responseId">The response's id.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The response.</returns>
    [HttpGet("v1/responses/{responseId}", Name = "GetResponse")]
    [ProducesResponseType<ResponseObject>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> GetResponse(string responseId, CancellationToken cancellationToken) =>
        await store.GetAsync(responseId, HttpContext.GetApiKeyName(), cancellationToken) is { } stored ? Ok(stored.Response) : NotFound(responseId);

    /// <summary>Deletes a stored response.</summary>
    /// <param name="responseId">The response's id.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The deletion's confirmation.</returns>
    [HttpDelete("v1/responses/{responseId}", Name = "DeleteResponse")]
    [ProducesResponseType<DeletedResponse>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> DeleteResponse(string responseId, CancellationToken cancellationToken) =>
        await store.DeleteAsync(responseId, HttpContext.GetApiKeyName(), cancellationToken) ? Ok(new DeletedResponse { Id = responseId }) : NotFound(responseId);

    /// <summary>Lists the input items of a stored response (the conversation that led to it).</summary>
    /// <param name="responseId">The response's id.</param>
    /// <param name="limit">How many items, 1 to 100 (default 20).</param>
    /// <param name="order"><c>asc</c> or <c>desc</c> (default).</param>
    /// <param name="after">Lists the items after the one with this id.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>A page of items.</returns>
    [HttpGet("v1/responses/{responseId}/input_items", Name = "ListInputItems")]
    [ProducesResponseType<ResponseItemList>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> ListInputItems(
        string responseId, [FromQuery] int? limit, [FromQuery] string? order, [FromQuery] string? after, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 100)
        {
            return ApiError.InvalidRequest($"Invalid 'limit': expected 1 to 100, but got {limit}.", "limit", "invalid_value").ToActionResult();
        }

        if (order is not (null or "asc" or "desc"))
        {
            return ApiError.InvalidRequest($"Invalid value for 'order': '{order}'. Supported values are: 'asc', 'desc'.", "order", "invalid_value").ToActionResult();
        }

        if (await store.GetAsync(responseId, HttpContext.GetApiKeyName(), cancellationToken) is not { } stored)
        {
            return NotFound(responseId);
        }

        var items = order == "asc" ? stored.InputItems : stored.InputItems.Reverse().ToList();
        var start = after is null ? 0 : items.ToList().FindIndex(i => i.Id == after) + 1;
        var page = items.Skip(start).Take(limit ?? 20).ToList();
        return Ok(new ResponseItemList
        {
            Data = page,
            HasMore = start + page.Count < items.Count,
            FirstId = page.FirstOrDefault()?.Id,
            LastId = page.LastOrDefault()?.Id,
        });
    }

    private static IActionResult NotFound(string responseId) => ApiError.InvalidRequest(
        $"Response with id '{responseId}' not found.", "response_id", "response_not_found", StatusCodes.Status404NotFound).ToActionResult();
}
