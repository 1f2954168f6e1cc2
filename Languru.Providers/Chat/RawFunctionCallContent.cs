using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>
/// A function call whose arguments are kept as the exact JSON text the model (or the client) produced. A gateway must
/// pass arguments on verbatim: models sometimes produce invalid JSON, and re-serialising would change the text.
/// <see cref="FunctionCallContent.Arguments"/> is filled when the text parses as a JSON object, and null otherwise.
/// </summary>
public sealed class RawFunctionCallContent : FunctionCallContent
{
    // Microsoft.Extensions.AI's default options indent; OpenAI's arguments strings are compact.
    private static readonly JsonTypeInfo ArgumentsTypeInfo =
        new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false }.GetTypeInfo(typeof(IDictionary<string, object?>));

    /// <summary>Creates the call.</summary>
    /// <param name="callId">The call id.</param>
    /// <param name="name">The function name.</param>
    /// <param name="argumentsJson">The arguments as the model produced them.</param>
    public RawFunctionCallContent(string callId, string name, string argumentsJson)
        : base(callId, name, TryParse(argumentsJson))
    {
        ArgumentsJson = argumentsJson;
    }

    /// <summary>The arguments, verbatim.</summary>
    public string ArgumentsJson { get; }

    /// <summary>
    /// The arguments string of any function call, as OpenAI's wire format carries it: verbatim when the call kept its
    /// text, otherwise serialised compactly (<c>{}</c> when it has none).
    /// </summary>
    /// <param name="call">The call.</param>
    /// <returns>The arguments as JSON text.</returns>
    public static string ArgumentsJsonOf(FunctionCallContent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call switch
        {
            RawFunctionCallContent raw => raw.ArgumentsJson,
            { Arguments: null } => "{}",
            _ => JsonSerializer.Serialize(call.Arguments, ArgumentsTypeInfo),
        };
    }

    private static Dictionary<string, object?>? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }

            return arguments;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
