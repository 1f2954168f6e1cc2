using System.Text.Json;
using Languru.Api.Completions;
using Languru.Contracts.Chat;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>Maps whole provider answers (one per choice) to a <see cref="ChatCompletion"/>.</summary>
internal static class ChatCompletionMapper
{
    public static ChatCompletion ToChatCompletion(CompletionHeader header, IReadOnlyList<ChatResponse> responses)
    {
        var choices = new ChatCompletionChoice[responses.Count];
        for (var i = 0; i < responses.Count; i++)
        {
            choices[i] = ToChoice(i, responses[i]);
        }

        return new ChatCompletion
        {
            Id = header.Id,
            Created = header.Created,
            Model = header.Model,
            Choices = choices,
            Usage = UsageMapper.ToWire(UsageMapper.Sum(responses.Select(r => r.Usage))),
            SystemFingerprint = StringProperty(responses[0].AdditionalProperties, ChatResponseKeys.SystemFingerprint),
            ServiceTier = StringProperty(responses[0].AdditionalProperties, ChatResponseKeys.ServiceTier),
        };
    }

    internal static string? StringProperty(AdditionalPropertiesDictionary? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out var value) ? value as string : null;

    internal static JsonElement? Logprobs(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(ChatResponseKeys.Logprobs, out var value) && value is JsonElement json ? json : null;

    private static ChatCompletionChoice ToChoice(int index, ChatResponse response)
    {
        var texts = default(MessageTexts);
        List<ToolCall>? toolCalls = null;
        foreach (var message in response.Messages)
        {
            if (message.Role != ChatRole.Assistant)
            {
                continue;
            }

            foreach (var content in message.Contents)
            {
                if (texts.TryAdd(content, keepEmptyReasoning: true))
                {
                    continue;
                }

                switch (content)
                {
                    case CustomToolCallContent custom:
                        (toolCalls ??= []).Add(new ToolCall { Id = custom.CallId, Type = "custom", Custom = new CustomToolCall { Name = custom.Name, Input = custom.Input } });
                        break;
                    case FunctionCallContent call:
                        (toolCalls ??= []).Add(new ToolCall
                        {
                            Id = call.CallId,
                            Type = "function",
                            Function = new FunctionCall { Name = call.Name, Arguments = RawFunctionCallContent.ArgumentsJsonOf(call) },
                        });
                        break;
                }
            }
        }

        var refusalText = texts.Refusal;
        return new ChatCompletionChoice
        {
            Index = index,
            Message = new ChatCompletionResponseMessage
            {
                // Content is null only when the model called tools (or a legacy function) or refused instead of answering.
                Content = texts.Text ?? (toolCalls is null && refusalText is null && response.AdditionalProperties?.ContainsKey(ChatResponseKeys.FunctionCall) != true ? "" : null),
                Refusal = refusalText,
                ReasoningContent = texts.Reasoning,
                ToolCalls = toolCalls,
            },
            Logprobs = Logprobs(response.AdditionalProperties),
            FinishReason = FinishReasons.ToWire(response.FinishReason, toolCalls is not null),
        };
    }
}
