using Languru.Providers.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Telemetry;

/// <summary>
/// The one place where every provider's <see cref="IChatClient"/> is wrapped, with Microsoft.Extensions.AI's
/// <see cref="ChatClientBuilder"/>: OpenTelemetry's GenAI instrumentation (when <see cref="TelemetryOptions.Enabled"/>;
/// Microsoft.Extensions.AI's while spans are listened to, else the same metrics recorded by
/// <see cref="GenAIMetricsChatClient"/>; message content only with <see cref="TelemetryOptions.RecordContent"/>), then
/// the request record; its embedding
/// generator likewise, with <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/>. The providers
/// themselves stay protocol adapters.
/// </summary>
public sealed class ProviderPipeline(IOptions<TelemetryOptions> options, ILoggerFactory loggers, TimeProvider timeProvider)
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and meter of the provider calls.</summary>
    public const string SourceName = "Languru.Providers";

    /// <summary>Wraps a configured provider's client; a provider that is not configured is returned as it is.</summary>
    /// <param name="provider">The provider, as its factory created it.</param>
    /// <returns>The provider with its client wrapped.</returns>
    public ChatProvider Compose(ChatProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!provider.IsConfigured)
        {
            return provider;
        }

        var settings = options.Value;
        var builder = new ChatClientBuilder(provider.Client);
        if (settings.Enabled)
        {
            builder.Use(inner => new GenAIMetricsChatClient(inner, loggers, settings.RecordContent, timeProvider));
        }

        builder.Use(inner => new RequestRecordingChatClient(inner, provider.Name, timeProvider));
        return provider.WithClient(builder.Build(), provider.Embeddings is { } embeddings ? Compose(embeddings, provider.Name, settings) : null);
    }

    private IEmbeddingGenerator<string, Embedding<float>> Compose(
        IEmbeddingGenerator<string, Embedding<float>> generator, string providerName, TelemetryOptions settings)
    {
        var builder = new EmbeddingGeneratorBuilder<string, Embedding<float>>(generator);
        if (settings.Enabled)
        {
            builder.UseOpenTelemetry(loggers, SourceName, g => g.EnableSensitiveData = settings.RecordContent);
        }

        builder.Use(inner => new RequestRecordingEmbeddingGenerator(inner, providerName));
        return builder.Build();
    }
}
