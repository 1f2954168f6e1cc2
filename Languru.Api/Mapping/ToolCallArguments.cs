using System.Text.Json;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>The arguments string of a function call: verbatim when the provider kept it, else serialised.</summary>
internal static class ToolCallArguments
{
    public static string ToJson(FunctionCallContent call) => call switch
    {
        RawFunctionCallContent raw => raw.ArgumentsJson,
        { Arguments: null } => "{}",
        _ => JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))),
    };
}
