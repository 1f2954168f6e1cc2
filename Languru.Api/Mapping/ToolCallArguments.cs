using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>The arguments string of a function call: verbatim when the provider kept it, else serialised compactly.</summary>
internal static class ToolCallArguments
{
    // M.E.AI's default options indent; OpenAI's arguments strings are compact.
    private static readonly JsonTypeInfo ArgumentsTypeInfo =
        new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false }.GetTypeInfo(typeof(IDictionary<string, object?>));

    public static string ToJson(FunctionCallContent call) => call switch
    {
        RawFunctionCallContent raw => raw.ArgumentsJson,
        { Arguments: null } => "{}",
        _ => JsonSerializer.Serialize(call.Arguments, ArgumentsTypeInfo),
    };
}
