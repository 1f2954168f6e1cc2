using FluentValidation;
using Languru.Api.Hosting;
using Languru.Api.Limits;
using Languru.Api.Mapping;
using Languru.Contracts.Embeddings;
using Languru.Contracts.Errors;
using Languru.Providers.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Languru.Api.Controllers;

/// <summary>OpenAI-compatible embeddings.</summary>
[ApiController]
public sealed class EmbeddingsController(IModelRouter router, IValidator<EmbeddingRequest> validator) : ControllerBase
{
    /// <summary>Creates embeddings.</summary>
    /// <remarks>
    /// Routes <c>model</c> to a provider, as chat completions do, and returns one embedding per input. The model
    /// <c>default</c> (the built-in echo provider: deterministic unit vectors made from the words, see
    /// docs/providers.md) works with no configuration.
    /// </remarks>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects; cancels the provider call.</param>
    /// <returns>The embeddings.</returns>
    [HttpPost("v1/embeddings", Name = "CreateEmbedding")]
    [Consumes("application/json")]
    [ProducesResponseType<EmbeddingResponse>(StatusCodes.Status200OK, "application/json")]
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
    public async Task<IActionResult> CreateEmbedding([FromBody, ValidateNever] EmbeddingRequest request, CancellationToken cancellationToken)
    {
        if (this.Refusal(validator, request, r => r.Model) is { } refusal)
        {
            return refusal;
        }

        var route = await router.ResolveAsync(request.Model!, cancellationToken);
        HttpContext.TrackRoute(route);
        var (values, options) = EmbeddingRequestMapper.ToGeneratorInput(request);

        // Each target the route tries (with its retries and fallbacks) gets the request with its own model id.
        var embeddings = await route.CallAsync(
            (provider, model, ct) => provider.GetEmbeddingGenerator().WithUsageReporting(HttpContext)
                .GenerateAsync(values, EmbeddingRequestMapper.ForModel(options, model), ct),
            cancellationToken);
        return Ok(EmbeddingResponseMapper.ToResponse(embeddings, request.Input!.Count, request.Model!, request.EncodingFormat == "base64"));
    }

    /// <summary>The same as <c>POST /v1/embeddings</c>, for clients whose base URL has no <c>/v1</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The embeddings.</returns>
    [HttpPost("embeddings")]
    [Consumes("application/json")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public Task<IActionResult> CreateEmbeddingUnversioned([FromBody, ValidateNever] EmbeddingRequest request, CancellationToken cancellationToken) =>
        CreateEmbedding(request, cancellationToken);
}
