using Languru.Api.Responses;
using Languru.Contracts.Responses;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Languru.Tests.Api;

public class InMemoryResponseStoreTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    private InMemoryResponseStore Store(int maxStored = 10, double ttlMinutes = 60) =>
        new(Options.Create(new ResponsesOptions { MaxStored = maxStored, TimeToLive = TimeSpan.FromMinutes(ttlMinutes) }), _time);

    private static StoredResponse Stored(string id, string? owner = null) => new()
    {
        Response = new ResponseObject { Id = id, CreatedAt = 1, Status = "completed", Model = "m", ToolChoice = new ResponseToolChoice("auto") },
        InputItems = [new ResponseItem { Type = "message", Id = "msg_1", Role = "user", Content = new ResponseContent([new ResponseContentPart { Type = "input_text", Text = "hi" }]) }],
        Owner = owner,
    };

    [Test]
    public async Task GetAsync_AfterSave_ReturnsACopyOfTheRecord()
    {
        // Arrange
        var store = Store();
        await store.SaveAsync(Stored("resp_1"), CancellationToken.None);

        // Act
        var found = await store.GetAsync("resp_1", null, CancellationToken.None);

        // Assert
        Assert.That(found!.Response.Id, Is.EqualTo("resp_1"));
        Assert.That(found.InputItems.Single().Content!.Parts!.Single().Text, Is.EqualTo("hi"));
    }

    [Test]
    public async Task GetAsync_AnotherOwner_FindsNothing()
    {
        // Arrange
        var store = Store();
        await store.SaveAsync(Stored("resp_1", owner: "key-a"), CancellationToken.None);

        // Act & Assert
        Assert.That(await store.GetAsync("resp_1", "key-b", CancellationToken.None), Is.Null);
        Assert.That(await store.GetAsync("resp_1", null, CancellationToken.None), Is.Null);
        Assert.That(await store.DeleteAsync("resp_1", "key-b", CancellationToken.None), Is.False);
        Assert.That(await store.GetAsync("resp_1", "key-a", CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task SaveAsync_BeyondMaxStored_EvictsTheOldest()
    {
        // Arrange
        var store = Store(maxStored: 2);

        // Act
        await store.SaveAsync(Stored("resp_1"), CancellationToken.None);
        await store.SaveAsync(Stored("resp_2"), CancellationToken.None);
        await store.SaveAsync(Stored("resp_3"), CancellationToken.None);

        // Assert
        Assert.That(await store.GetAsync("resp_1", null, CancellationToken.None), Is.Null);
        Assert.That(await store.GetAsync("resp_2", null, CancellationToken.None), Is.Not.Null);
        Assert.That(await store.GetAsync("resp_3", null, CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task GetAsync_AfterTimeToLive_FindsNothing()
    {
        // Arrange
        var store = Store(ttlMinutes: 10);
        await store.SaveAsync(Stored("resp_1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(9));
        await store.SaveAsync(Stored("resp_2"), CancellationToken.None);

        // Act
        _time.Advance(TimeSpan.FromMinutes(2));

        // Assert
        Assert.That(await store.GetAsync("resp_1", null, CancellationToken.None), Is.Null);
        Assert.That(await store.GetAsync("resp_2", null, CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task DeleteAsync_RemovesOnce()
    {
        // Arrange
        var store = Store();
        await store.SaveAsync(Stored("resp_1"), CancellationToken.None);

        // Act & Assert
        Assert.That(await store.DeleteAsync("resp_1", null, CancellationToken.None), Is.True);
        Assert.That(await store.DeleteAsync("resp_1", null, CancellationToken.None), Is.False);
        Assert.That(await store.GetAsync("resp_1", null, CancellationToken.None), Is.Null);
    }
}
