using System.Text;
using Languru.Api.Errors;
using Languru.Api.Mapping;
using Languru.Contracts.Responses;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Responses;

/// <summary>
/// Turns a provider's updates into a response and the events that stream it, in OpenAI's order:
/// <c>response.created</c>, <c>response.in_progress</c>, then per output item <c>output_item.added</c>, its parts
/// (<c>content_part.added</c>, text deltas, <c>….done</c>) or its arguments deltas, <c>output_item.done</c>, and
/// finally exactly one of <c>response.completed</c>, <c>response.incomplete</c> or (<see cref="Fail"/>)
/// <c>response.failed</c>. Sequence numbers increase by one from 0. Whole answers go through the same code (their
/// updates, events unused), so that streamed and whole responses agree.
/// </summary>
internal sealed class ResponseBuilder(ResponseObject template, TimeProvider timeProvider)
{
    private readonly List<OutputSlot> _output = [];
    private readonly Dictionary<int, CallSlot> _streamedCalls = [];
    private readonly List<ResponseStreamEvent> _events = [];
    private int _sequence;
    private TextSlot? _reasoning;
    private TextSlot? _message;
    private UsageDetails? _usage;
    private ChatFinishReason? _finishReason;

    /// <summary>The response as it stands: the template until <see cref="Finish"/>, then the finished response.</summary>
    public ResponseObject Response { get; private set; } = template;

    public IReadOnlyList<ResponseStreamEvent> Start()
    {
        Emit(new() { Type = "response.created", Response = Response });
        Emit(new() { Type = "response.in_progress", Response = Response });
        return Flush();
    }

    public IReadOnlyList<ResponseStreamEvent> Add(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextReasoningContent reasoning when reasoning.Text.Length > 0:
                    Reasoning().Append(reasoning.Text, this);
                    break;
                case TextContent text when text.Text.Length > 0:
                    CloseReasoning();
                    Message().Append(PartKind.Text, text.Text, this);
                    break;
                case RefusalContent refusal when refusal.Refusal.Length > 0:
                    CloseReasoning();
                    Message().Append(PartKind.Refusal, refusal.Refusal, this);
                    break;
                case FunctionCallUpdateContent fragment:
                    StreamedCall(fragment).Append(fragment.ArgumentsFragment, this);
                    break;
                case FunctionCallContent call:
                    var whole = OpenCall(call.CallId, call.Name);
                    whole.Append(RawFunctionCallContent.ArgumentsJsonOf(call), this);
                    whole.Close(ItemStatus.Completed, this);
                    break;
                case UsageContent usage:
                    (_usage ??= new UsageDetails()).Add(usage.Details);
                    break;
            }
        }

        _finishReason = update.FinishReason ?? _finishReason;
        return Flush();
    }

    /// <summary>Closes every open item and ends with <c>response.completed</c> or <c>response.incomplete</c>.</summary>
    public IReadOnlyList<ResponseStreamEvent> Finish()
    {
        var incomplete = _finishReason == ChatFinishReason.Length ? "max_output_tokens"
            : _finishReason == ChatFinishReason.ContentFilter ? "content_filter"
            : null;
        var status = incomplete is null ? ItemStatus.Completed : ItemStatus.Incomplete;
        foreach (var slot in _output)
        {
            slot.Close(status, this);
        }

        Response = Response with
        {
            Status = incomplete is null ? "completed" : "incomplete",
            CompletedAt = incomplete is null ? timeProvider.GetUtcNow().ToUnixTimeSeconds() : null,
            IncompleteDetails = incomplete is null ? null : new ResponseIncompleteDetails { Reason = incomplete },
            Output = Items(),
            Usage = ToWire(_usage),
        };
        Emit(new() { Type = incomplete is null ? "response.completed" : "response.incomplete", Response = Response });
        return Flush();
    }

    /// <summary>The <c>response.failed</c> event for a failure after the start: what was produced so far, marked incomplete.</summary>
    public ResponseStreamEvent Fail(ApiError error)
    {
        Response = Response with
        {
            Status = "failed",
            Error = new ResponseError
            {
                Code = error.StatusCode switch
                {
                    StatusCodes.Status429TooManyRequests => "rate_limit_exceeded",
                    >= 400 and < 500 => "invalid_prompt",
                    _ => "server_error",
                },
                Message = error.Detail.Message ?? "The response failed.",
            },
            Output = [.. _output.Select(s => s.Snapshot(s.Closed ? null : ItemStatus.Incomplete))],
            Usage = ToWire(_usage),
        };
        return new ResponseStreamEvent { Type = "response.failed", SequenceNumber = _sequence++, Response = Response };
    }

    private List<ResponseItem> Items() => [.. _output.Select(s => s.Snapshot(null))];

    private static ResponseUsage? ToWire(UsageDetails? usage) => UsageMapper.ToWire(usage) is { } wire
        ? new ResponseUsage
        {
            InputTokens = wire.PromptTokens,
            InputTokensDetails = new ResponseInputTokensDetails { CachedTokens = wire.PromptTokensDetails?.CachedTokens ?? 0 },
            OutputTokens = wire.CompletionTokens,
            OutputTokensDetails = new ResponseOutputTokensDetails { ReasoningTokens = wire.CompletionTokensDetails?.ReasoningTokens ?? 0 },
            TotalTokens = wire.TotalTokens,
        }
        : null;

    private void Emit(ResponseStreamEvent e)
    {
        e.SequenceNumber = _sequence++;
        _events.Add(e);
    }

    private List<ResponseStreamEvent> Flush()
    {
        var events = _events.ToList();
        _events.Clear();
        return events;
    }

    private TextSlot Reasoning()
    {
        if (_reasoning is null)
        {
            _reasoning = new TextSlot(_output.Count, ResponseIds.New(ResponseIds.Reasoning), isReasoning: true);
            Open(_reasoning);
        }

        return _reasoning;
    }

    private void CloseReasoning()
    {
        _reasoning?.Close(ItemStatus.Completed, this);
        _reasoning = null;
    }

    private TextSlot Message()
    {
        if (_message is null)
        {
            _message = new TextSlot(_output.Count, ResponseIds.New(ResponseIds.Message), isReasoning: false);
            Open(_message);
        }

        return _message;
    }

    private CallSlot StreamedCall(FunctionCallUpdateContent fragment)
    {
        if (!_streamedCalls.TryGetValue(fragment.Index, out var slot))
        {
            slot = OpenCall(fragment.CallId, fragment.Name);
            _streamedCalls[fragment.Index] = slot;
        }

        return slot;
    }

    private CallSlot OpenCall(string? callId, string? name)
    {
        CloseReasoning();
        _message?.Close(ItemStatus.Completed, this);
        _message = null;
        var slot = new CallSlot(_output.Count, ResponseIds.New(ResponseIds.FunctionCall), callId ?? ResponseIds.New(ResponseIds.Call), name ?? "");
        Open(slot);
        return slot;
    }

    private void Open(OutputSlot slot)
    {
        _output.Add(slot);
        Emit(new() { Type = "response.output_item.added", OutputIndex = slot.Index, Item = slot.Snapshot(ItemStatus.InProgress, empty: true) });
    }

    private static class ItemStatus
    {
        public const string InProgress = "in_progress";
        public const string Completed = "completed";
        public const string Incomplete = "incomplete";
    }

    private enum PartKind
    {
        Text,
        Refusal,
        Reasoning,
    }

    /// <summary>An output item being built.</summary>
    private abstract class OutputSlot(int index, string id)
    {
        public int Index { get; } = index;

        public string Id { get; } = id;

        public bool Closed { get; private set; }

        protected string Status { get; private set; } = ItemStatus.InProgress;

        /// <summary>The item with <paramref name="status"/> (null: its own), or with no content yet (<paramref name="empty"/>).</summary>
        public abstract ResponseItem Snapshot(string? status, bool empty = false);

        public void Close(string status, ResponseBuilder builder)
        {
            if (Closed)
            {
                return;
            }

            Closed = true;
            Status = status;
            EmitDone(builder);
            builder.Emit(new() { Type = "response.output_item.done", OutputIndex = Index, Item = Snapshot(null) });
        }

        protected abstract void EmitDone(ResponseBuilder builder);
    }

    /// <summary>A message (its parts: output text and refusals, in order) or a reasoning item (reasoning text).</summary>
    private sealed class TextSlot(int index, string id, bool isReasoning) : OutputSlot(index, id)
    {
        private readonly List<(PartKind Kind, StringBuilder Text)> _parts = [];

        public void Append(string text, ResponseBuilder builder) => Append(PartKind.Reasoning, text, builder);

        public void Append(PartKind kind, string text, ResponseBuilder builder)
        {
            if (_parts.Count == 0 || _parts[^1].Kind != kind)
            {
                CloseLastPart(builder);
                _parts.Add((kind, new StringBuilder()));
                builder.Emit(new()
                {
                    Type = "response.content_part.added", ItemId = Id, OutputIndex = Index, ContentIndex = _parts.Count - 1,
                    Part = Part(kind, ""),
                });
            }

            _parts[^1].Text.Append(text);
            builder.Emit(new()
            {
                Type = DeltaType(kind), ItemId = Id, OutputIndex = Index, ContentIndex = _parts.Count - 1, Delta = text,
                Logprobs = kind == PartKind.Text ? [] : null,
            });
        }

        public override ResponseItem Snapshot(string? status, bool empty = false)
        {
            var parts = empty ? [] : _parts.Select(p => Part(p.Kind, p.Text.ToString())).ToList();
            return isReasoning
                ? new ResponseItem { Type = "reasoning", Id = Id, Summary = [], Content = new ResponseContent(parts), Status = status ?? Status }
                : new ResponseItem { Type = "message", Id = Id, Status = status ?? Status, Role = "assistant", Content = new ResponseContent(parts) };
        }

        protected override void EmitDone(ResponseBuilder builder) => CloseLastPart(builder);

        private static ResponseContentPart Part(PartKind kind, string text) => kind switch
        {
            PartKind.Text => new ResponseContentPart { Type = "output_text", Text = text, Annotations = [], Logprobs = [] },
            PartKind.Refusal => new ResponseContentPart { Type = "refusal", Refusal = text },
            _ => new ResponseContentPart { Type = "reasoning_text", Text = text },
        };

        private static string DeltaType(PartKind kind) => kind switch
        {
            PartKind.Text => "response.output_text.delta",
            PartKind.Refusal => "response.refusal.delta",
            _ => "response.reasoning_text.delta",
        };

        private void CloseLastPart(ResponseBuilder builder)
        {
            if (_parts.Count == 0)
            {
                return;
            }

            var (kind, text) = _parts[^1];
            var index = _parts.Count - 1;
            var whole = text.ToString();
            builder.Emit(kind switch
            {
                PartKind.Text => new() { Type = "response.output_text.done", ItemId = Id, OutputIndex = Index, ContentIndex = index, Text = whole, Logprobs = [] },
                PartKind.Refusal => new() { Type = "response.refusal.done", ItemId = Id, OutputIndex = Index, ContentIndex = index, Refusal = whole },
                _ => new() { Type = "response.reasoning_text.done", ItemId = Id, OutputIndex = Index, ContentIndex = index, Text = whole },
            });
            builder.Emit(new() { Type = "response.content_part.done", ItemId = Id, OutputIndex = Index, ContentIndex = index, Part = Part(kind, whole) });
        }
    }

    /// <summary>A function call, its arguments arriving whole or in fragments.</summary>
    private sealed class CallSlot(int index, string id, string callId, string name) : OutputSlot(index, id)
    {
        private readonly StringBuilder _arguments = new();

        public void Append(string fragment, ResponseBuilder builder)
        {
            if (fragment.Length == 0)
            {
                return;
            }

            _arguments.Append(fragment);
            builder.Emit(new() { Type = "response.function_call_arguments.delta", ItemId = Id, OutputIndex = Index, Delta = fragment });
        }

        public override ResponseItem Snapshot(string? status, bool empty = false) => new()
        {
            Type = "function_call",
            Id = Id,
            Status = status ?? Status,
            CallId = callId,
            Name = name,
            Arguments = empty ? "" : _arguments.ToString(),
        };

        protected override void EmitDone(ResponseBuilder builder) => builder.Emit(new()
        {
            Type = "response.function_call_arguments.done", ItemId = Id, OutputIndex = Index, Name = name, Arguments = _arguments.ToString(),
        });
    }
}
