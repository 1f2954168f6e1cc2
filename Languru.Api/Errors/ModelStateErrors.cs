using Languru.Contracts.Embeddings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Languru.Api.Errors;

/// <summary>
/// Answers a body that could not be bound (malformed JSON, a value of the wrong type, an empty body) with a 400
/// envelope. MVC records the reader's error under its JSON path (<c>$.temperature</c>) next to a generic
/// "field is required" entry for the parameter; the JSON-path entry is the one that explains the problem.
/// </summary>
internal static class ModelStateErrors
{
    public static IActionResult ToResult(ActionContext context)
    {
        var errors = context.ModelState
            .Where(e => e.Value?.Errors.Count > 0)
            .Select(e => (e.Key, Message: e.Value!.Errors[0].ErrorMessage))
            .ToList();
        var (key, message) = errors.FirstOrDefault(e => e.Key.StartsWith('$'));
        var body = context.ActionDescriptor.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body)?.ParameterType;
        if (key is not null)
        {
            return JsonBodyErrors.Describe(key, message, body).ToActionResult();
        }

        var example = body == typeof(EmbeddingRequest)
            ? "{\"model\":\"default\",\"input\":\"Hello\"}"
            : "{\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
        return ApiError.InvalidRequest($"The request body is empty or not a JSON object: send e.g. {example}.").ToActionResult();
    }
}
