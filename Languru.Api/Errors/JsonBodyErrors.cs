using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Languru.Api.Hosting;
using Languru.Contracts.Chat;

namespace Languru.Api.Errors;

/// <summary>
/// Explains why the JSON reader refused a body: a value of the wrong type (the expected JSON type is looked up in the
/// wire metadata along the error's path), a union field our converters refused, or broken JSON syntax.
/// </summary>
internal static partial class JsonBodyErrors
{
    private const string ConversionPrefix = "The JSON value could not be converted to";

    /// <param name="path">The reader's JSON path, e.g. <c>$.messages[0].content</c>.</param>
    /// <param name="message">The reader's message.</param>
    /// <param name="bodyType">The request type read (default: the chat completion request).</param>
    public static ApiError Describe(string path, string message, Type? bodyType = null)
    {
        var param = path.Length > 2 ? path[2..] : null;
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return Duplicate(path, message);
        }

        if (message.StartsWith(ConversionPrefix, StringComparison.Ordinal))
        {
            return param is null
                ? ApiError.InvalidRequest("The request body must be a JSON object.", code: "invalid_type")
                : ApiError.InvalidRequest($"Invalid type for '{param}': expected {ExpectedType(param, bodyType)}.", param, "invalid_type");
        }

        if (message.StartsWith("expected ", StringComparison.Ordinal))
        {
            return ApiError.InvalidRequest($"Invalid type for '{param}': {message}.", param, "invalid_type");
        }

        var position = Position().Match(message);
        var reason = message.Split(" Path: ", 2)[0].TrimEnd('.');
        var where = position.Success
            ? $" (line {int.Parse(position.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + 1}, byte {int.Parse(position.Groups[2].ValueSpan, CultureInfo.InvariantCulture) + 1})"
            : "";
        return ApiError.InvalidRequest($"The request body is not valid JSON: {reason}{where}.", code: "invalid_json");
    }

    /// <summary>The name of every request type's extension data (the unknown fields), as the reader gives it (in any case).</summary>
    private const string ExtensionDataProperty = nameof(ChatCompletionRequest.AdditionalProperties);

    /// <summary>
    /// A key sent twice (refused by <c>AllowDuplicateProperties = false</c>): the gateway and an upstream could disagree
    /// on which one wins. The reader names the key, or ends its path with it (dictionaries, and extension data, where it
    /// names the C# property instead); its path is the object's for JSON values, and relative (<c>$[0]…</c>) inside
    /// union converters, where it is not named.
    /// </summary>
    private static ApiError Duplicate(string path, string message)
    {
        var named = DuplicateKey().Match(message);
        // A key of the extension data is named by the property's name, not its own; its path ends with the key.
        var key = named.Success && !named.Groups[1].Value.Equals(ExtensionDataProperty, StringComparison.OrdinalIgnoreCase) ? named.Groups[1].Value : path[(path.LastIndexOf('.') + 1)..];
        var param = path.StartsWith("$[", StringComparison.Ordinal) ? null
            : path == "$" ? key
            : path.EndsWith("." + key, StringComparison.Ordinal) ? path[2..]
            : $"{path[2..]}.{key}";
        var where = param is null ? "" : $" (at '{param}')";
        return ApiError.InvalidRequest($"The request body is not valid JSON: the key '{key}' appears more than once{where}. Send each key once.", param, "invalid_json");
    }

    /// <summary>The JSON type expected at a path such as <c>messages[0].role</c> or <c>logit_bias.50256</c>.</summary>
    internal static string ExpectedType(string param, Type? bodyType = null)
    {
        var type = WireJson.Options.GetTypeInfo(bodyType ?? typeof(ChatCompletionRequest));
        foreach (var segment in Segments().Matches(param).Select(m => m.Value))
        {
            type = type switch
            {
                null => null,
                _ when segment.StartsWith('[') => type.ElementType is { } element ? WireJson.Options.GetTypeInfo(element) : null,
                { Kind: JsonTypeInfoKind.Dictionary, ElementType: { } value } => WireJson.Options.GetTypeInfo(value),
                { Kind: JsonTypeInfoKind.Object } => type.Properties.FirstOrDefault(p => p.Name == segment) is { } property
                    ? WireJson.Options.GetTypeInfo(property.PropertyType)
                    : null,
                _ => null,
            };
        }

        return type switch
        {
            null => "a different value",
            { Kind: JsonTypeInfoKind.Enumerable } => "an array",
            { Kind: JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Object } => "an object",
            _ => (Nullable.GetUnderlyingType(type.Type) ?? type.Type) switch
            {
                var t when t == typeof(string) => "a string",
                var t when t == typeof(bool) => "a boolean",
                var t when t == typeof(int) || t == typeof(long) => "an integer",
                var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "a number",
                var t when t == typeof(JsonElement) => "a JSON value",
                _ => "a different value",
            },
        };
    }

    [GeneratedRegex("^Duplicate property '(.*)' encountered")]
    private static partial Regex DuplicateKey();

    [GeneratedRegex(@"LineNumber: (\d+) \| BytePositionInLine: (\d+)")]
    private static partial Regex Position();

    [GeneratedRegex(@"\[\d+\]|[^.\[]+")]
    private static partial Regex Segments();
}
