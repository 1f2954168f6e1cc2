using System.Runtime.CompilerServices;
using System.Text.Json;
using Languru.Api.Completions;
using Languru.Contracts.Chat;
using Languru.Providers.Chat;
using Languru.Providers.OpenAI;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>
/// Maps provider updates (of one or more choices) to <c>chat.completion.chunk</c>s, keeping OpenAI's stream rules:
/// the same id/created/model on every chunk; <c>role</c> only in a choice's first delta; <c>content</c> in every
/// delta (possibly <c>""</c>) except tool-call deltas; one finish chunk per choice; and, when asked for, one last
/// chunk with <c>choices: []</c> and the usage of all choices. The updates come from <see cref="ChoiceFanOut"/>, which
/// has already held every choice to <see cref="Streaming.StreamRule"/>: a finish chunk is never invented here. An
/// update that carries its upstream chunk (<see cref="OpenAIWireJson"/>) passes it on with the chunk, for
/// <see cref="WireChunkWriter"/>.
/// </summary>
internal static class ChatChunkMapper
{
    public static async IAsyncEnumerable<ChatChunkEvent> ToChunksAsync(
        IAsyncEnumerable<ChoiceUpdate> updates,
        CompletionHeader header,
        int choiceCount,
        bool includeUsage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var choices = new ChoiceState[choiceCount];
        for (var i = 0; i < choiceCount; i++)
        {
            choices[i] = new ChoiceState();
        }

        UsageDetails? usage = null;
        string? fingerprint = null;
        await foreach (var (index, update) in updates.WithCancellation(cancellationToken))
        {
            var choice = choices[index];
            string? text = null;
            string? refusal = null;
            string? reasoning = null;
            List<ToolCallDelta>? toolCalls = null;

            // One pass, without LINQ or builders: a chunk carries one text piece almost always.
            var contents = update.Contents;
            for (var i = 0; i < contents.Count; i++)
            {
                var content = contents[i];
                if (content is UsageContent usageContent)
                {
                    // Usage counts whenever it comes: OpenAI sends it in a chunk of its own after the finish.
                    (usage ??= new UsageDetails()).Add(usageContent.Details);
                    continue;
                }

                if (choice.Finished)
                {
                    continue;
                }

                switch (content)
                {
                    case TextReasoningContent r when r.Text.Length > 0:
                        reasoning = string.Concat(reasoning, r.Text);
                        break;
                    case TextContent t:
                        text = string.Concat(text, t.Text);
                        break;
                    case RefusalContent r:
                        refusal = string.Concat(refusal, r.Refusal);
                        break;
                    case FunctionCallUpdateContent fragment:
                        (toolCalls ??= []).Add(choice.ToolCallFragment(fragment));
                        break;
                    case CustomToolCallUpdateContent fragment:
                        (toolCalls ??= []).Add(choice.CustomToolCallFragment(fragment));
                        break;
                    case FunctionCallContent call:
                        (toolCalls ??= []).Add(choice.WholeToolCall(call));
                        break;
                }
            }

            if (choice.Finished)
            {
                continue;
            }

            fingerprint ??= ChatCompletionMapper.StringProperty(update.AdditionalProperties, ChatResponseKeys.SystemFingerprint);
            var finish = update.FinishReason is { } reason ? FinishReasons.ToWire(reason, choice.CalledTools) : null;
            var functionCall = update.AdditionalProperties?.ContainsKey(ChatResponseKeys.FunctionCall) == true; // written from the upstream's JSON
            if (text is not null || refusal is not null || reasoning is not null || toolCalls is not null || functionCall || finish is not null || !choice.Started)
            {
                choice.Finished = finish is not null;
                var chunk = Chunk(header, fingerprint, index, choice.NextDelta(text, refusal, toolCalls, reasoning, functionCall), finish,
                    ChatCompletionMapper.Logprobs(update.AdditionalProperties));
                yield return new ChatChunkEvent(chunk, update.RawRepresentation is OpenAIWireJson upstream ? upstream.Json : default);
            }
        }

        if (includeUsage && UsageMapper.ToWire(usage) is { } total)
        {
            yield return new ChatChunkEvent(new ChatCompletionChunk
            {
                Id = header.Id,
                Created = header.Created,
                Model = header.Model,
                SystemFingerprint = fingerprint,
                Choices = [],
                Usage = total,
            });
        }
    }

    private static ChatCompletionChunk Chunk(
        CompletionHeader header, string? fingerprint, int index, ChatCompletionDelta delta, string? finishReason, JsonElement? logprobs = null) => new()
    {
        Id = header.Id,
        Created = header.Created,
        Model = header.Model,
        SystemFingerprint = fingerprint,
        Choices = [new ChatCompletionChunkChoice { Index = index, Delta = delta, FinishReason = finishReason, Logprobs = logprobs }],
    };

    private sealed class ChoiceState
    {
        private int _nextToolIndex;

        public bool Started { get; private set; }

        public bool Finished { get; set; }

        public bool CalledTools { get; private set; }

        public ChatCompletionDelta NextDelta(string? text, string? refusal, List<ToolCallDelta>? toolCalls, string? reasoning = null, bool functionCall = false)
        {
            var delta = new ChatCompletionDelta
            {
                Role = Started ? null : "assistant",
                Content = text ?? (toolCalls is null && !functionCall ? "" : null),
                Refusal = refusal,
                ReasoningContent = reasoning,
                ToolCalls = toolCalls,
            };
            Started = true;
            return delta;
        }

        public ToolCallDelta ToolCallFragment(FunctionCallUpdateContent fragment) => new()
        {
            Index = Fragment(fragment.Index),
            Id = fragment.CallId,
            Type = fragment.CallId is null ? null : "function",
            Function = new FunctionCallDelta { Name = fragment.Name, Arguments = fragment.ArgumentsFragment },
        };

        public ToolCallDelta CustomToolCallFragment(CustomToolCallUpdateContent fragment) => new()
        {
            Index = Fragment(fragment.Index),
            Id = fragment.CallId,
            Type = fragment.CallId is null ? null : "custom",
            Custom = new CustomToolCall { Name = fragment.Name, Input = fragment.InputFragment },
        };

        /// <summary>Notes a fragment of the call at <paramref name="index"/>, and returns the index.</summary>
        private int Fragment(int index)
        {
            CalledTools = true;
            _nextToolIndex = Math.Max(_nextToolIndex, index + 1);
            return index;
        }

        public ToolCallDelta WholeToolCall(FunctionCallContent call)
        {
            CalledTools = true;
            return new ToolCallDelta
            {
                Index = _nextToolIndex++,
                Id = call.CallId,
                Type = "function",
                Function = new FunctionCallDelta { Name = call.Name, Arguments = RawFunctionCallContent.ArgumentsJsonOf(call) },
            };
        }
    }
}
