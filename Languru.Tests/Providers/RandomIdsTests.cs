using Languru.Providers.Chat;

namespace Languru.Tests.Providers;

public class RandomIdsTests
{
    [Test]
    public void Create_PrefixesTheRequestedNumberOfCharactersOfTheAlphabet()
    {
        // Act
        var id = RandomIds.Create("chatcmpl-", RandomIds.Alphanumeric, 29);

        // Assert
        Assert.That(id, Does.Match("^chatcmpl-[A-Za-z0-9]{29}$"));
    }

    [Test]
    public void Create_UsesEveryCharacterOfTheAlphabetAboutEquallyOften()
    {
        // Arrange: 36 characters do not divide 256, so bytes from 252 up must be skipped, not folded onto 0-3.
        var counts = new Dictionary<char, int>();

        // Act
        for (var i = 0; i < 20_000; i++)
        {
            foreach (var c in RandomIds.Create("", RandomIds.LowercaseAlphanumeric, 36))
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }

        // Assert: 720,000 draws, 20,000 expected per character (sigma 139); folding would give four characters 22,500.
        Assert.That(counts.Keys, Is.EquivalentTo(RandomIds.LowercaseAlphanumeric));
        Assert.That(counts.Values, Has.All.InRange(19_300, 20_700));
    }

    [Test]
    public void Create_DrawsFreshCharactersEveryTime()
    {
        // Act
        var ids = Enumerable.Range(0, 1_000).Select(_ => RandomIds.Create("req_", RandomIds.LowercaseAlphanumeric, 24)).ToHashSet();

        // Assert
        Assert.That(ids, Has.Count.EqualTo(1_000));
    }

    [Test]
    public void Create_DrawsFreshCharactersOnEveryThread()
    {
        // Arrange: each thread keeps its own buffer of the generator's bytes; none may repeat another's ids.
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();

        // Act
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                ids.Add(RandomIds.Create("req_", RandomIds.LowercaseAlphanumeric, 24));
            }
        });

        // Assert
        Assert.That(ids.Distinct().Count(), Is.EqualTo(8_000));
    }

    [Test]
    public void Create_ProducesTheLongestIds()
    {
        // Act: the longest id, with an alphabet that never skips a byte and with one that skips one byte in 256.
        var single = RandomIds.Create("x", "a", 128);
        var three = RandomIds.Create("", "abc", 128);

        // Assert
        Assert.That(single, Is.EqualTo("x" + new string('a', 128)));
        Assert.That(three, Does.Match("^[abc]{128}$"));
    }
}
