using System.Text.Json;
using FluentValidation;
using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>
/// OpenAI's rules for request fields the gateway keeps as raw JSON and forwards unchanged (<c>prediction</c>,
/// <c>web_search_options</c>) or does not model at all (<c>prompt_cache_retention</c>, the legacy <c>function_call</c>
/// and <c>functions</c>): their enums and lengths, checked against OpenAI's published schema.
/// </summary>
internal static class JsonFieldRules
{
    private static readonly string[] SearchContextSizes = ["low", "medium", "high"];
    private static readonly string[] PredictionTypes = ["content"];
    private static readonly string[] PromptCacheRetentions = ["in_memory", "24h"];
    private static readonly string[] FunctionCallModes = ["none", "auto"];

    public static void Check(ChatCompletionRequest request, ValidationContext<ChatCompletionRequest> context)
    {
        if (request.Prediction is { ValueKind: JsonValueKind.Object } prediction && prediction.TryGetProperty("type", out var type))
        {
            Enum(context, "prediction.type", type, PredictionTypes);
        }

        if (request.WebSearchOptions is { ValueKind: JsonValueKind.Object } search && search.TryGetProperty("search_context_size", out var size))
        {
            Enum(context, "web_search_options.search_context_size", size, SearchContextSizes);
        }

        var extra = request.AdditionalProperties;
        if (extra is null)
        {
            return;
        }

        if (extra.TryGetValue("prompt_cache_retention", out var retention))
        {
            Enum(context, "prompt_cache_retention", retention, PromptCacheRetentions);
        }

        if (extra.TryGetValue("function_call", out var functionCall))
        {
            FunctionCall(context, functionCall);
        }

        if (extra.TryGetValue("functions", out var functions))
        {
            if (functions.ValueKind == JsonValueKind.Array)
            {
                context.CheckLength("functions", functions.GetArrayLength(), 1, 128);
            }
            else if (functions.ValueKind != JsonValueKind.Null)
            {
                context.Fail("functions", "invalid_type", "Invalid type for 'functions': expected an array.");
            }
        }
    }

    private static void FunctionCall(ValidationContext<ChatCompletionRequest> context, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String or JsonValueKind.Null:
                Enum(context, "function_call", value, FunctionCallModes);
                break;
            case JsonValueKind.Object when value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String:
                break;
            case JsonValueKind.Object:
                context.Missing("function_call.name");
                break;
            default:
                context.Fail("function_call", "invalid_type", "Invalid type for 'function_call': expected \"none\", \"auto\" or an object {\"name\": …}.");
                break;
        }
    }

    /// <summary>A string from <paramref name="allowed"/> (or null, which OpenAI takes as unset).</summary>
    private static void Enum(ValidationContext<ChatCompletionRequest> context, string param, JsonElement value, string[] allowed)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            context.Fail(param, "invalid_type", $"Invalid type for '{param}': expected a string.");
        }
        else if (!allowed.Contains(value.GetString(), StringComparer.Ordinal))
        {
            context.NotOneOf(param, value.GetString()!, allowed);
        }
    }
}
