using System.Text.Json;

namespace Languru.Providers.OpenAI;

/// <summary>
/// A chat request as the client sent it in OpenAI's chat-completions wire format, for the providers that speak that
/// format themselves. The API hands it over through <see cref="Microsoft.Extensions.AI.ChatOptions.RawRepresentationFactory"/>
/// beside the usual messages and options: an OpenAI-type provider that finds it writes the request body from it and
/// posts it itself (no SDK types, no second mapping); every other provider (Ollama, echo) never asks for it and keeps
/// using the messages and options, so a route may fall back from one kind to the other.
/// </summary>
public interface IOpenAIChatRequest
{
    /// <summary>
    /// Writes the body of <c>POST /chat/completions</c>: every field the client sent as it sent it, except that
    /// <c>model</c> is <paramref name="model"/>, <c>n</c> is left out (the gateway makes one call per choice),
    /// <c>stream</c> and <c>stream_options</c> are left out of a whole answer and are <c>true</c> and
    /// <c>{"include_usage":true}</c> for a stream (the gateway always asks for usage and decides what to pass on), and
    /// fields the gateway does not know are written only with <paramref name="forwardUnknownFields"/>.
    /// </summary>
    /// <param name="writer">Where to write the one JSON object.</param>
    /// <param name="model">The upstream model id (the route's target).</param>
    /// <param name="stream">Whether the provider asks for a stream.</param>
    /// <param name="forwardUnknownFields">Whether fields the gateway does not know are forwarded.</param>
    void WriteTo(Utf8JsonWriter writer, string model, bool stream, bool forwardUnknownFields);
}
