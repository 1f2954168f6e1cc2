using FluentValidation;
using Languru.Api.Access;
using Languru.Api.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Languru.Api.Controllers;

/// <summary>The checks every model-calling endpoint (chat, Responses, embeddings) makes before it routes.</summary>
internal static class RequestChecks
{
    /// <summary>
    /// The answer to a request that may not go on: its first broken rule (400 with <c>param</c>), or a model the
    /// caller's API key may not use (403 <c>model_not_allowed</c>). Null when it may go on.
    /// </summary>
    public static IActionResult? Refusal<T>(this ControllerBase controller, IValidator<T> validator, T request, Func<T, string?> model)
    {
        var validation = validator.Validate(request);
        if (!validation.IsValid)
        {
            var failure = validation.Errors[0];
            return ApiError.InvalidRequest(failure.ErrorMessage, failure.PropertyName, failure.ErrorCode).ToActionResult();
        }

        var name = model(request)!;
        return controller.User.MayUseModel(name)
            ? null
            : AccessErrors.ModelNotAllowed(controller.HttpContext.GetApiKeyName(), name).ToActionResult();
    }
}
