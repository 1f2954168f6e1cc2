using Languru.Api.Limits;

namespace Languru.Tests.Api.Limits;

public class RateLimitHeadersTests
{
    [TestCase(0, "0ms")]
    [TestCase(20, "20ms")]
    [TestCase(1000, "1s")]
    [TestCase(17_500, "17.5s")]
    [TestCase(59_999, "59.999s")]
    [TestCase(60_000, "1m0s")]
    [TestCase(360_000, "6m0s")]
    [TestCase(-5, "0ms")]
    public void Duration_WritesItLikeOpenAI(int milliseconds, string expected) =>
        Assert.That(RateLimitHeaders.Duration(TimeSpan.FromMilliseconds(milliseconds)), Is.EqualTo(expected));
}
