using Languru.Contracts.Responses;

namespace Languru.Api.Responses;

/// <summary>A new response in progress: a fresh id, the creation time, and the request's settings echoed with OpenAI's defaults.</summary>
internal static class ResponseTemplate
{
    private static readonly ResponseTextOptions PlainText = new() { Format = new ResponseTextFormat { Type = "text" } };

    public static ResponseObject Create(CreateResponseRequest request, TimeProvider timeProvider) => new()
    {
        Id = ResponseIds.New(ResponseIds.Response),
        CreatedAt = timeProvider.GetUtcNow().ToUnixTimeSeconds(),
        Status = "in_progress",
        Instructions = request.Instructions,
        MaxOutputTokens = request.MaxOutputTokens,
        Model = request.Model!,
        ParallelToolCalls = request.ParallelToolCalls ?? true,
        PreviousResponseId = request.PreviousResponseId,
        Reasoning = new ResponseReasoning { Effort = request.Reasoning?.Effort, Summary = request.Reasoning?.Summary },
        Store = request.Store ?? true,
        Temperature = request.Temperature ?? 1,
        Text = request.Text?.Format is null ? new ResponseTextOptions { Format = PlainText.Format, Verbosity = request.Text?.Verbosity } : request.Text,
        ToolChoice = request.ToolChoice ?? new ResponseToolChoice(ResponseToolChoice.Auto),
        Tools = request.Tools ?? [],
        TopP = request.TopP ?? 1,
        User = request.User,
        SafetyIdentifier = request.SafetyIdentifier,
        ServiceTier = request.ServiceTier,
        Metadata = request.Metadata ?? new Dictionary<string, string>(),
    };
}
