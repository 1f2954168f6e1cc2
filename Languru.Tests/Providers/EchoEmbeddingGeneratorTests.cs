using Languru.Providers.Chat;
using Languru.Providers.Echo;
using Languru.Providers.Embeddings;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers;

public class EchoEmbeddingGeneratorTests
{
    private static EchoEmbeddingGenerator Generator(int defaultDimensions = 256) =>
        new("echo", new EchoOptions { EmbeddingDimensions = defaultDimensions }, TestClock.Create());

    [Test]
    public async Task GenerateAsync_IsDeterministicAndOfUnitLength()
    {
        // Act
        var first = await Generator().GenerateAsync(["The quick brown fox", "jumps"]);
        var again = await Generator().GenerateAsync(["The quick brown fox"]);

        // Assert
        Assert.That(first[0].Vector.ToArray(), Is.EqualTo(again[0].Vector.ToArray()));
        Assert.That(first[0].Vector.Length, Is.EqualTo(256));
        Assert.That(EmbeddingFixtures.Dot(first[0].Vector, first[0].Vector), Is.EqualTo(1).Within(1e-6));
        Assert.That(EmbeddingFixtures.Dot(first[1].Vector, first[1].Vector), Is.EqualTo(1).Within(1e-6));
    }

    [Test]
    public async Task GenerateAsync_SharedWordsAreSimilar_CaseAndSpacingAreNot()
    {
        // Act
        var e = await Generator().GenerateAsync(["the cat sat on the mat", "The  cat sat\ton the MAT", "the cat ran", "quantum chromodynamics"]);

        // Assert
        Assert.That(e[1].Vector.ToArray(), Is.EqualTo(e[0].Vector.ToArray()), "words are lower-cased and split on any whitespace");
        Assert.That(EmbeddingFixtures.Dot(e[0].Vector, e[2].Vector), Is.GreaterThan(0.3), "two shared words of three");
        Assert.That(EmbeddingFixtures.Dot(e[0].Vector, e[2].Vector), Is.GreaterThan(EmbeddingFixtures.Dot(e[0].Vector, e[3].Vector)));
    }

    [Test]
    public async Task GenerateAsync_FollowsTheDocumentedAlgorithm()
    {
        // Arrange: one word, "hello", by hand: SHA-256 of its UTF-8 bytes, eight 32-bit little-endian words h, each
        // adding +1 (h even) or -1 (h odd) at (h >> 1) mod 8; then divided by the length.
        var hash = System.Security.Cryptography.SHA256.HashData("hello"u8);
        var expected = new double[8];
        for (var i = 0; i < 8; i++)
        {
            var h = BitConverter.ToUInt32(hash, i * 4);
            expected[(h >> 1) % 8] += (h & 1) == 0 ? 1 : -1;
        }

        var length = Math.Sqrt(expected.Sum(x => x * x));

        // Act
        var vector = (await Generator().GenerateAsync(["Hello"], new EmbeddingGenerationOptions { Dimensions = 8 }))[0].Vector.ToArray();

        // Assert
        Assert.That(vector, Is.EqualTo(expected.Select(x => (float)(x / length)).ToArray()));
    }

    [Test]
    public async Task GenerateAsync_DimensionsAndDefaultDimensions_AreHonoured()
    {
        // Act
        var asked = await Generator().GenerateAsync(["a b c"], new EmbeddingGenerationOptions { Dimensions = 3 });
        var configured = await Generator(defaultDimensions: 12).GenerateAsync(["a b c"]);

        // Assert
        Assert.That(asked[0].Vector.Length, Is.EqualTo(3));
        Assert.That(configured[0].Vector.Length, Is.EqualTo(12));
        Assert.That(EmbeddingFixtures.Dot(asked[0].Vector, asked[0].Vector), Is.EqualTo(1).Within(1e-6));
    }

    [TestCase(3073)]
    [TestCase(1_000_000_000)]
    public void GenerateAsync_DimensionsOutOfRange_Is400NamingDimensions(int dimensions)
    {
        // Act & Assert
        Assert.That(async () => await Generator().GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = dimensions }),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.InvalidRequest)
                .And.Property(nameof(ChatProviderException.Param)).EqualTo("dimensions"));
    }

    [Test]
    public async Task GenerateAsync_TokenIds_EmbedsTheIdsAndCountsThem()
    {
        // Arrange
        var options = new EmbeddingGenerationOptions();
        var values = EmbeddingInputs.CarryTokenIds([[1, 2, 3], [1, 2, 3], [9]], options);

        // Act
        var embeddings = await Generator().GenerateAsync(values, options);

        // Assert
        Assert.That(embeddings[0].Vector.ToArray(), Is.EqualTo(embeddings[1].Vector.ToArray()));
        Assert.That(embeddings[0].Vector.ToArray(), Is.EqualTo((await Generator().GenerateAsync(["1 2 3"]))[0].Vector.ToArray()),
            "each id is a feature, as each word of a text is");
        Assert.That(EmbeddingFixtures.Dot(embeddings[2].Vector, embeddings[2].Vector), Is.EqualTo(1).Within(1e-6));
        Assert.That((embeddings.Usage!.InputTokenCount, embeddings.Usage.TotalTokenCount), Is.EqualTo((7, 7)));
    }

    [Test]
    public async Task GenerateAsync_UsageCountsWords()
    {
        // Act
        var embeddings = await Generator().GenerateAsync(["one two three", "four"]);

        // Assert
        Assert.That(embeddings.Usage!.InputTokenCount, Is.EqualTo(4));
    }
}
