using System.ComponentModel.DataAnnotations;

namespace Languru.Providers.Echo;

/// <summary>Settings of an echo provider (<c>Languru:Providers:&lt;name&gt;</c> with <c>Type: echo</c>).</summary>
public sealed class EchoOptions
{
    /// <summary>
    /// A pause before each streamed delta, for demos and load tests; a non-streamed answer waits the same total.
    /// Default 0. At most one minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "DeltaDelay must be between 00:00:00 and 00:01:00.")]
    public TimeSpan DeltaDelay { get; set; }

    /// <summary>
    /// How many components an embedding has when the request names no <c>dimensions</c>. Default 256; at most 3072.
    /// </summary>
    [Range(1, 3072, ErrorMessage = "EmbeddingDimensions must be between 1 and 3072.")]
    public int EmbeddingDimensions { get; set; } = 256;

    /// <summary>
    /// The longest answer, in characters: a longer last user message is echoed up to here and ends with
    /// <c>finish_reason: "length"</c>, so that the echo provider (with <c>n</c>) is no memory amplifier. Default 16,384.
    /// </summary>
    [Range(1, 100_000_000, ErrorMessage = "MaxReplyLength must be between 1 and 100000000.")]
    public int MaxReplyLength { get; set; } = 16_384;
}
