using FluentValidation;
using Languru.Contracts.Embeddings;

namespace Languru.Api.Validation;

/// <summary>
/// Validates an embedding request against OpenAI's rules (<c>CreateEmbeddingRequest</c>): <c>model</c> and
/// <c>input</c> required, 1 to 2048 inputs, no empty string or empty token array, token ids not negative,
/// <c>encoding_format</c> <c>float</c> or <c>base64</c>, <c>dimensions</c> at least 1. (Wrong JSON types never get
/// here: the reader refuses them, see <c>Errors/JsonBodyErrors.cs</c>.)
/// </summary>
internal sealed class EmbeddingRequestValidator : WireValidator<EmbeddingRequest>
{
    /// <summary>The most inputs one request may carry.</summary>
    public const int MaxInputs = 2048;

    public EmbeddingRequestValidator()
    {
        RuleFor(r => r.Model).Required();
        RuleFor(r => r.Input).Required();
        RuleFor(r => r.Input).Custom(Input);
        RuleFor(r => r.EncodingFormat).OneOf("float", "base64");
        RuleFor(r => r.Dimensions).Between(1);
    }

    private static void Input(EmbeddingInput? input, ValidationContext<EmbeddingRequest> context)
    {
        if (input is null)
        {
            return;
        }

        // The array the limits apply to: the inputs, or for one input's token ids, the ids.
        var count = input.Form == EmbeddingInputForm.TokenIds ? input.TokenIds![0].Length : input.Count;
        if (input.Form != EmbeddingInputForm.Text && (count == 0 || count > MaxInputs))
        {
            context.CheckLength("input", count, 1, MaxInputs);
            return;
        }

        for (var i = 0; i < input.Count; i++)
        {
            var param = input.Form is EmbeddingInputForm.Text or EmbeddingInputForm.TokenIds ? "input" : $"input[{i}]";
            if (input.Texts?[i].Length == 0)
            {
                context.Fail(param, "invalid_value", $"Invalid '{param}': empty string. Expected a non-empty string.");
                return;
            }

            if (input.TokenIds?[i] is { } ids)
            {
                if (ids.Length == 0)
                {
                    context.CheckLength(param, 0, 1, int.MaxValue);
                    return;
                }

                if (Array.FindIndex(ids, id => id < 0) is var negative and >= 0)
                {
                    context.Fail($"{param}[{negative}]", "invalid_value", $"Invalid '{param}[{negative}]': a token id cannot be negative.");
                    return;
                }
            }
        }
    }
}
