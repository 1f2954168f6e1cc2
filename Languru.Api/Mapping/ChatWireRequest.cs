using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Contracts.Chat;
using Languru.Providers.Chat;
using Languru.Providers.OpenAI;

namespace Languru.Api.Mapping;

/// <summary>
/// The validated request as an <see cref="IOpenAIChatRequest"/>, for OpenAI-type providers: written straight from the
/// DTO, each field as the client sent it, so the upstream receives what the client sent (tools, schemas and
/// <c>tool_choice</c> and custom or legacy tool calls unchanged). What the provider adds or leaves out is in
/// <see cref="IOpenAIChatRequest.WriteTo"/>; beyond that, as the SDK path does: <c>prompt</c> becomes one user message,
/// <c>tool</c> and legacy <c>function</c> results carry their text as a string, and of <c>max_completion_tokens</c> and
/// <c>max_tokens</c> only the first one sent. Unknown fields are forwarded from the top level only (when the provider
/// allows it); unknown keys inside a message, a content part, a tool or <c>response_format</c> are not read, so not sent.
/// </summary>
internal sealed class ChatWireRequest(ChatCompletionRequest request) : IOpenAIChatRequest
{
    public void WriteTo(Utf8JsonWriter writer, string model, bool stream, bool forwardUnknownFields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("model"u8, model);
        WriteMessages(writer);
        Number(writer, "temperature"u8, request.Temperature);
        Number(writer, "top_p"u8, request.TopP);
        if (request.MaxCompletionTokens is { } maxCompletionTokens)
        {
            writer.WriteNumber("max_completion_tokens"u8, maxCompletionTokens);
        }
        else if (request.MaxTokens is { } maxTokens)
        {
            writer.WriteNumber("max_tokens"u8, maxTokens);
        }

        if (request.Stop is { Values.Count: > 0 } stop)
        {
            Value(writer, "stop"u8, stop);
        }

        Number(writer, "presence_penalty"u8, request.PresencePenalty);
        Number(writer, "frequency_penalty"u8, request.FrequencyPenalty);
        Value(writer, "logit_bias"u8, request.LogitBias);
        Boolean(writer, "logprobs"u8, request.Logprobs);
        if (request.TopLogprobs is { } topLogprobs)
        {
            writer.WriteNumber("top_logprobs"u8, topLogprobs);
        }

        if (request.Seed is { } seed)
        {
            writer.WriteNumber("seed"u8, seed);
        }

        Value(writer, "response_format"u8, request.ResponseFormat);
        Value(writer, "tools"u8, request.Tools);
        Value(writer, "tool_choice"u8, request.ToolChoice);
        Boolean(writer, "parallel_tool_calls"u8, request.ParallelToolCalls);
        String(writer, "user"u8, request.User);
        String(writer, "safety_identifier"u8, request.SafetyIdentifier);
        String(writer, "prompt_cache_key"u8, request.PromptCacheKey);
        Boolean(writer, "store"u8, request.Store);
        Value(writer, "metadata"u8, request.Metadata);
        String(writer, "service_tier"u8, request.ServiceTier);
        String(writer, "reasoning_effort"u8, request.ReasoningEffort);
        String(writer, "verbosity"u8, request.Verbosity);
        Value(writer, "modalities"u8, request.Modalities);
        Element(writer, "audio"u8, request.Audio);
        Element(writer, "prediction"u8, request.Prediction);
        Element(writer, "web_search_options"u8, request.WebSearchOptions);
        if (stream)
        {
            writer.WriteBoolean("stream"u8, true);
            writer.WriteStartObject("stream_options"u8);
            writer.WriteBoolean("include_usage"u8, true);
            writer.WriteEndObject();
        }

        if (forwardUnknownFields && request.AdditionalProperties is { Count: > 0 } unknown)
        {
            foreach (var (name, value) in unknown)
            {
                if (ChatOptionKeys.IsForwardable(name))
                {
                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                }
            }
        }

        writer.WriteEndObject();
    }

    private void WriteMessages(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("messages"u8);
        if (request.Prompt is { } prompt)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, "user");
            writer.WriteString("content"u8, prompt);
            writer.WriteEndObject();
        }
        else
        {
            foreach (var message in request.Messages!)
            {
                WriteMessage(writer, message);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// One message as sent; <c>tool</c> and <c>function</c> results with their text as a string, and an assistant's
    /// legacy <c>function_call</c> with <c>"content":null</c>, as OpenAI documents it.
    /// </summary>
    private static void WriteMessage(Utf8JsonWriter writer, ChatCompletionRequestMessage message)
    {
        writer.WriteStartObject();
        String(writer, "role"u8, message.Role);
        if (message.Role is "tool" or "function")
        {
            String(writer, "name"u8, message.Role == "function" ? message.Name : null);
            String(writer, "tool_call_id"u8, message.ToolCallId);
            writer.WriteString("content"u8, message.Content?.Text ?? string.Concat(message.Content?.Parts?.Select(p => p.Text) ?? []));
            writer.WriteEndObject();
            return;
        }

        if (message.Content is not null)
        {
            Value(writer, "content"u8, message.Content);
        }
        else if (message.FunctionCall is not null)
        {
            writer.WriteNull("content"u8);
        }

        String(writer, "name"u8, message.Name);
        Value(writer, "tool_calls"u8, message.ToolCalls);
        Value(writer, "function_call"u8, message.FunctionCall);
        String(writer, "refusal"u8, message.Refusal);
        writer.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void Boolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    private static void String(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Element(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement? value)
    {
        if (value is { } element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }

    private static void Value<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, T? value)
        where T : class
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, WireJson.TypeInfo<T>());
        }
    }
}
