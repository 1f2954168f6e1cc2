using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Languru.Contracts;

namespace Languru.Api.Hosting;

/// <summary>
/// The one set of JSON settings for the wire: the source-generated <see cref="LanguruJsonContext"/>, strict numbers
/// (no numbers in strings, which also keeps the OpenAPI schema honest), nulls left out unless a DTO says otherwise,
/// never indented, and UTF-8 text written as is rather than \u-escaped. MVC, minimal APIs, errors and the SSE writer
/// all use it.
/// </summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.TypeInfoResolverChain.Insert(0, LanguruJsonContext.Default);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.WriteIndented = false;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.AllowDuplicateProperties = false;
        return options;
    }

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
