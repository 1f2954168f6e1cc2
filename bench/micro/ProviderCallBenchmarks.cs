using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;
using Languru.Providers.OpenAI;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Languru.Bench.Micro;

/// <summary>
/// One call of the OpenAI provider per operation, from the API's messages and options to the updates the middleware
/// sees, over an in-memory upstream (so everything but the network): the SDK path (no raw representation) against
/// the wire path (the request's <see cref="IOpenAIChatRequest"/>). The API's own mapping in and out is not included.
/// </summary>
[MemoryDiagnoser]
public class ProviderCallBenchmarks
{
    private OpenAIChatClient _client = null!;
    private List<ChatMessage> _messages = null!;
    private ChatOptions _sdk = null!;
    private ChatOptions _wire = null!;

    [GlobalSetup]
    public void Setup()
    {
        var endpoint = new Uri("http://upstream.invalid/v1");
        var http = new HttpClient(new CannedHandler());
        var settings = new OpenAIProviderOptions();
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0),
            UserAgentApplicationId = "languru",
        };
        clientOptions.AddPolicy(new FinishReasonCompatibilityPolicy(), PipelinePosition.BeforeTransport);
        var sdk = new OpenAIClient(new ApiKeyCredential("sk-bench"), clientOptions);
        _client = new OpenAIChatClient("bench", sdk, new OpenAIWireClient(http, endpoint, settings, "sk-bench"), settings, "sk-bench");

        var request = JsonSerializer.Deserialize(Canned.Request, WireJson.TypeInfo<ChatCompletionRequest>())!;
        _messages = ChatRequestMapper.ToChatMessages(request);
        _wire = ChatRequestMapper.ToChatOptions(request, "gpt-4o-mini");
        _sdk = _wire.Clone();
        _sdk.RawRepresentationFactory = null;
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> WholeAnswer_Sdk() => _client.GetResponseAsync(_messages, _sdk);

    [Benchmark]
    public Task<ChatResponse> WholeAnswer_Wire() => _client.GetResponseAsync(_messages, _wire);

    [Benchmark]
    public async Task<int> Stream_Sdk() => await Count(_client.GetStreamingResponseAsync(_messages, _sdk));

    [Benchmark]
    public async Task<int> Stream_Wire() => await Count(_client.GetStreamingResponseAsync(_messages, _wire));

    private static async Task<int> Count(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var count = 0;
        await foreach (var update in updates)
        {
            count += update.Contents.Count;
        }

        return count;
    }
}
