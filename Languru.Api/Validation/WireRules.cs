using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;

namespace Languru.Api.Validation;

/// <summary>Rules that fail with OpenAI's codes and wording, naming the exact field (<c>param</c>).</summary>
internal static partial class WireRules
{
    public static void Fail<T>(this ValidationContext<T> context, string param, string code, string message) =>
        context.AddFailure(new ValidationFailure(param, message) { ErrorCode = code });

    public static void Missing<T>(this ValidationContext<T> context, string param, string? hint = null) =>
        context.Fail(param, "missing_required_parameter", $"Missing required parameter: '{param}'{hint}.");

    public static void NotOneOf<T>(this ValidationContext<T> context, string param, string value, IReadOnlyList<string> allowed) =>
        context.Fail(param, "invalid_value",
            $"Invalid value for '{param}': '{value}'. Supported values are: {string.Join(", ", allowed.Select(a => $"'{a}'"))}.");

    public static void NullElement<T>(this ValidationContext<T> context, string param, string expected) =>
        context.Fail(param, "invalid_type", $"Invalid type for '{param}': expected {expected}, but got null instead.");

    /// <summary>An array element is never null: <c>messages: [null]</c> is a 400 naming <c>messages[0]</c>.</summary>
    public static IRuleBuilderOptionsConditions<T, TElement> NotNullElement<T, TElement>(this IRuleBuilder<T, TElement> rule, string expected) =>
        rule.Custom((value, context) =>
        {
            if (value is null)
            {
                context.NullElement(context.PropertyPath, expected);
            }
        });

    public static IRuleBuilderOptionsConditions<T, TProperty> Required<T, TProperty>(this IRuleBuilder<T, TProperty> rule) =>
        rule.Custom((value, context) =>
        {
            if (value is null || value is string text && string.IsNullOrWhiteSpace(text))
            {
                context.Missing(context.PropertyPath);
            }
        });

    /// <summary>Required, but may be empty: a model's arguments or input string can be <c>""</c>.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> Present<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom((value, context) =>
        {
            if (value is null)
            {
                context.Missing(context.PropertyPath);
            }
        });

    public static IRuleBuilderOptionsConditions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, params string[] allowed) =>
        rule.Custom((value, context) =>
        {
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                context.NotOneOf(context.PropertyPath, value, allowed);
            }
        });

    /// <summary>A function or schema name as OpenAI accepts it: 1 to 64 letters, digits, '_' or '-'.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> FunctionName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom((name, context) =>
        {
            if (name is not null && !IsFunctionName(name))
            {
                context.Fail(context.PropertyPath, "invalid_value",
                    $"Invalid '{context.PropertyPath}': '{name}' does not match the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.");
            }
        });

    /// <summary>A JSON Schema, when given, must be a JSON object.</summary>
    public static IRuleBuilderOptionsConditions<T, JsonElement?> JsonSchemaObject<T>(this IRuleBuilder<T, JsonElement?> rule) =>
        rule.Custom((schema, context) =>
        {
            if (schema is { ValueKind: not JsonValueKind.Object })
            {
                context.Fail(context.PropertyPath, "invalid_type", $"Invalid type for '{context.PropertyPath}': expected a JSON Schema object.");
            }
        });

    /// <summary>OpenAI's <c>metadata</c> limits: at most 16 pairs, keys up to 64 characters, values up to 512.</summary>
    public static IRuleBuilderOptionsConditions<T, IReadOnlyDictionary<string, string>?> Metadata<T>(this IRuleBuilder<T, IReadOnlyDictionary<string, string>?> rule) =>
        rule.Custom((metadata, context) =>
        {
            if (metadata is null)
            {
                return;
            }

            if (metadata.Count > 16)
            {
                context.Fail(context.PropertyPath, "invalid_value", $"Invalid 'metadata': at most 16 pairs, but got {metadata.Count}.");
                return;
            }

            foreach (var (key, value) in metadata)
            {
                if (key.Length > 64 || value?.Length > 512)
                {
                    context.Fail(context.PropertyPath, "invalid_value", $"Invalid 'metadata' entry '{key}': keys are at most 64 characters and values at most 512.");
                    return;
                }
            }
        });

    /// <summary>A field the gateway cannot honour: refused naming it, never silently dropped.</summary>
    public static void Unsupported<T>(this ValidationContext<T> context, string param, string why) =>
        context.Fail(param, "unsupported_parameter", $"'{param}' is not supported by this gateway: {why}");

    public static IRuleBuilderOptionsConditions<T, double?> Between<T>(this IRuleBuilder<T, double?> rule, double min, double max) =>
        rule.Custom((value, context) =>
        {
            if (value < min)
            {
                context.Fail(context.PropertyPath, "decimal_below_min_value",
                    $"Invalid '{context.PropertyPath}': decimal below minimum value. Expected a value >= {Format(min)}, but got {Format(value.Value)} instead.");
            }
            else if (value > max)
            {
                context.Fail(context.PropertyPath, "decimal_above_max_value",
                    $"Invalid '{context.PropertyPath}': decimal above maximum value. Expected a value <= {Format(max)}, but got {Format(value.Value)} instead.");
            }
        });

    public static IRuleBuilderOptionsConditions<T, int?> Between<T>(this IRuleBuilder<T, int?> rule, int min, int max = int.MaxValue) =>
        rule.Custom((value, context) =>
        {
            if (value < min)
            {
                context.Fail(context.PropertyPath, "integer_below_min_value",
                    $"Invalid '{context.PropertyPath}': integer below minimum value. Expected a value >= {Format(min)}, but got {Format(value.Value)} instead.");
            }
            else if (value > max)
            {
                context.Fail(context.PropertyPath, "integer_above_max_value",
                    $"Invalid '{context.PropertyPath}': integer above maximum value. Expected a value <= {Format(max)}, but got {Format(value.Value)} instead.");
            }
        });

    public static IRuleBuilderOptionsConditions<T, string?> MaxLength<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Custom((value, context) =>
        {
            if (value?.Length > max)
            {
                context.Fail(context.PropertyPath, "string_above_max_length",
                    $"Invalid '{context.PropertyPath}': string too long. Expected a string with maximum length {Format(max)}, but got a string with length {Format(value.Length)} instead.");
            }
        });

    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<TItem>?> Length<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule, int min, int max) =>
        rule.Custom((value, context) => context.CheckLength(context.PropertyPath, value?.Count, min, max));

    public static void CheckLength<T>(this ValidationContext<T> context, string param, int? count, int min, int max)
    {
        if (count is null)
        {
            return;
        }

        if (count == 0 && min > 0)
        {
            context.Fail(param, "empty_array",
                $"Invalid '{param}': empty array. Expected an array with minimum length {Format(min)}, but got an empty array instead.");
        }
        else if (count > max)
        {
            context.Fail(param, "array_above_max_length",
                $"Invalid '{param}': array too long. Expected an array with maximum length {Format(max)}, but got an array with length {Format(count.Value)} instead.");
        }
    }

    public static bool IsFunctionName(string name) => FunctionNamePattern().IsMatch(name);

    public static bool IsDataUrl(string url) =>
        url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && url.Contains(";base64,", StringComparison.OrdinalIgnoreCase);

    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionNamePattern();
}
