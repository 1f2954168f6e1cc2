using Languru.Api.Access;
using Languru.Api.Errors;
using Languru.Contracts.Errors;
using Languru.Contracts.Models;
using Languru.Providers.Routing;
using Microsoft.AspNetCore.Mvc;

namespace Languru.Api.Controllers;

/// <summary>The models clients can name.</summary>
[ApiController]
[Produces("application/json")]
public sealed class ModelsController(IModelRouter router) : ControllerBase
{
    /// <summary>Lists the models the caller may use: aliases, configured model names, and what providers list.</summary>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The models.</returns>
    [HttpGet("v1/models", Name = "ListModels")]
    [ProducesResponseType<ModelList>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    public async Task<ModelList> ListModels(CancellationToken cancellationToken)
    {
        var models = await router.ListModelsAsync(cancellationToken);
        return new ModelList { Data = [.. models.Where(m => User.MayUseModel(m.Id)).Select(ToWire)] };
    }

    /// <summary>Retrieves one model by id (ids may contain slashes, e.g. <c>echo/test</c>).</summary>
    /// <param name="id">The model id.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The model, or 404 <c>model_not_found</c> with the same message a chat request for it gets.</returns>
    [HttpGet("v1/models/{**id}", Name = "RetrieveModel")]
    [ProducesResponseType<Model>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    public async Task<IActionResult> RetrieveModel(string id, CancellationToken cancellationToken)
    {
        // Clients that escape the id send '/' as %2F, the one escape the server leaves in the path.
        id = id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        // A model the key may not use is not listed, so it is not found either.
        if (!User.MayUseModel(id))
        {
            return NotFoundError(id);
        }

        if (await router.FindModelAsync(id, cancellationToken) is { } model)
        {
            return Ok(ToWire(model));
        }

        // Not listed: routing the name explains why, as for a chat request (no provider serves it, or its provider
        // is not configured and the message names the setting); it throws the router's model_not_found answer.
        await router.ResolveAsync(id, cancellationToken);

        // Routable, but its provider's upstream does not list it.
        return NotFoundError(id);

        static IActionResult NotFoundError(string id) => ApiError.InvalidRequest(
            $"The model '{id}' does not exist. GET /v1/models lists the models you can use.", "model", "model_not_found", StatusCodes.Status404NotFound).ToActionResult();
    }

    /// <summary>The same as <c>GET /v1/models</c>, for clients whose base URL has no <c>/v1</c>.</summary>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The models.</returns>
    [HttpGet("models")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public Task<ModelList> ListModelsUnversioned(CancellationToken cancellationToken) => ListModels(cancellationToken);

    /// <summary>The same as <c>GET /v1/models/{id}</c>, for clients whose base URL has no <c>/v1</c>.</summary>
    /// <param name="id">The model id.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    /// <returns>The model, or 404 <c>model_not_found</c>.</returns>
    [HttpGet("models/{**id}")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public Task<IActionResult> RetrieveModelUnversioned(string id, CancellationToken cancellationToken) => RetrieveModel(id, cancellationToken);

    private static Model ToWire(ModelDescriptor model) => new()
    {
        Id = model.Id,
        Created = (model.Created ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds(),
        OwnedBy = model.OwnedBy,
    };
}
