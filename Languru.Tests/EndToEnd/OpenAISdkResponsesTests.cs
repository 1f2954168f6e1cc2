using System.ClientModel;
using Languru.Tests.Infrastructure;
using OpenAI.Responses;

namespace Languru.Tests.EndToEnd;

// The SDK marks its Responses client experimental; using it is the point of these tests.
#pragma warning disable OPENAI001

/// <summary>The official OpenAI .NET SDK's Responses client, unchanged, pointed at a real gateway.</summary>
public class OpenAISdkResponsesTests
{
    private LanguruFactory _factory = null!;
    private ResponsesClient _client = null!;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory();
        _client = new ResponsesClient(new ApiKeyCredential("sk-unused"), new ResponsesClientOptions { Endpoint = new Uri(_factory.StartKestrel(), "v1") });
    }

    [OneTimeTearDown]
    public async Task StopGateway() => await _factory.DisposeAsync();

    [Test]
    public async Task CreateResponse_ReturnsTheTextAndUsage()
    {
        // Act
        ResponseResult response = await _client.CreateResponseAsync("default", "Tell me a joke");

        // Assert
        Assert.That(response.GetOutputText(), Is.EqualTo("Tell me a joke"));
        Assert.That(response.Status, Is.EqualTo(ResponseStatus.Completed));
        Assert.That(response.Id, Does.StartWith("resp_"));
        Assert.That(response.Usage.TotalTokenCount, Is.EqualTo(8));
    }

    [Test]
    public async Task CreateResponseStreaming_DeltasThenTheCompletedResponse()
    {
        // Arrange
        var deltas = new List<string>();
        ResponseResult? completed = null;

        // Act
        await foreach (var update in await _client.CreateResponseStreamingAsync("default", "Hello there you"))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                deltas.Add(delta.Delta);
            }
            else if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }

        // Assert
        Assert.That(deltas, Is.EqualTo(new[] { "Hello", " there", " you" }));
        Assert.That(completed!.GetOutputText(), Is.EqualTo("Hello there you"));
    }

    [Test]
    public async Task PreviousResponseId_ThenGetAndDelete()
    {
        // Arrange
        ResponseResult first = await _client.CreateResponseAsync("default", "My name is Ada");

        // Act
        ResponseResult second = await _client.CreateResponseAsync(new CreateResponseOptions("default", [ResponseItem.CreateUserMessageItem("What is it")])
        {
            PreviousResponseId = first.Id,
        });
        ResponseResult fetched = await _client.GetResponseAsync(second.Id);
        var deleted = await _client.DeleteResponseAsync(second.Id);

        // Assert
        Assert.That(second.Usage.InputTokenCount, Is.EqualTo(4 + 4 + 3), "the first turn, its answer and the new input");
        Assert.That(fetched.Id, Is.EqualTo(second.Id));
        Assert.That(fetched.GetOutputText(), Is.EqualTo("What is it"));
        Assert.That(deleted.Value.Deleted, Is.True);
        Assert.That(async () => await _client.GetResponseAsync(second.Id), Throws.InstanceOf<ClientResultException>().With.Property("Status").EqualTo(404));
    }
}
