using Languru.Api.Access;
using Microsoft.AspNetCore.Http;

namespace Languru.Tests.Api.Access;

public class ApiKeyHeaderTests
{
    private static ApiKeyHeader.Presence Read(string name, params string[] values)
    {
        var headers = new HeaderDictionary { [name] = values };
        return ApiKeyHeader.Read(headers, out _);
    }

    [TestCase("Authorization", "Bearer sk-test-1")]
    [TestCase("Authorization", "bearer sk-test-1")]
    [TestCase("Authorization", "BEARER   sk-test-1")]
    [TestCase("Authorization", "Bearer \t sk-test-1 ")]
    [TestCase("Authorization", "bearersk-test-1")]
    [TestCase("x-api-key", "sk-test-1")]
    [TestCase("X-Api-Key", " sk-test-1 ")]
    public void Read_AcceptedForm_ReturnsTheKey(string header, string value)
    {
        // Arrange
        var headers = new HeaderDictionary { [header] = value };

        // Act
        var presence = ApiKeyHeader.Read(headers, out var key);

        // Assert
        Assert.That(presence, Is.EqualTo(ApiKeyHeader.Presence.Key));
        Assert.That(key, Is.EqualTo("sk-test-1"));
    }

    [Test]
    public void Read_NoHeader_ReturnsNone() =>
        Assert.That(ApiKeyHeader.Read(new HeaderDictionary(), out _), Is.EqualTo(ApiKeyHeader.Presence.None));

    [TestCase("Authorization", "Basic c2stdGVzdC0xOg==")]
    [TestCase("Authorization", "Bearer")]
    [TestCase("Authorization", "Bearer    ")]
    [TestCase("Authorization", "sk-test-1")]
    [TestCase("x-api-key", "")]
    public void Read_HeaderWithoutAUsableKey_ReturnsMalformed(string header, string value) =>
        Assert.That(Read(header, value), Is.EqualTo(ApiKeyHeader.Presence.Malformed));

    [Test]
    public void Read_TwoAuthorizationValues_ReturnsMalformed() =>
        Assert.That(Read("Authorization", "Bearer a", "Bearer b"), Is.EqualTo(ApiKeyHeader.Presence.Malformed));
}
