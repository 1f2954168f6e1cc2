using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Languru.Api.Limits;
using Languru.Api.Mapping;
using Languru.Api.Validation;
using Languru.Contracts;
using Languru.Contracts.Chat;
using Microsoft.Extensions.Options;

namespace Languru.Bench.Micro;

/// <summary>
/// The host's own steps for the benchmark's request (<see cref="Canned.Request"/>, bench/languru/body.json's messages): reading the body into the wire DTO,
/// validating it, and mapping it to Microsoft.Extensions.AI's messages and options.
/// </summary>
[MemoryDiagnoser]
public class HostPathBenchmarks
{
    private readonly byte[] _body = System.Text.Encoding.UTF8.GetBytes(Canned.Request);
    private readonly ChatCompletionRequestValidator _validator = new(Options.Create(new LimitsOptions()));
    private ChatCompletionRequest _request = null!;

    [GlobalSetup]
    public void Setup() => _request = Read();

    [Benchmark]
    public ChatCompletionRequest Read() => JsonSerializer.Deserialize(_body, LanguruJsonContext.Default.ChatCompletionRequest)!;

    [Benchmark]
    public bool Validate() => _validator.Validate(_request).IsValid;

    [Benchmark]
    public object Map() => (ChatRequestMapper.ToChatMessages(_request), ChatRequestMapper.ToChatOptions(_request, "gpt-4o-mini"));
}
