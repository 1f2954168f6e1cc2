using Languru.Providers.Ollama;

namespace Languru.Tests.Providers.Ollama;

public class OllamaHostTests
{
    [TestCase("127.0.0.1:11434", "http://127.0.0.1:11434/")]
    [TestCase("127.0.0.1", "http://127.0.0.1:11434/")]
    [TestCase("gpu-box", "http://gpu-box:11434/")]
    [TestCase("gpu-box:8080", "http://gpu-box:8080/")]
    [TestCase("0.0.0.0", "http://0.0.0.0:11434/")]
    [TestCase(":11500", "http://127.0.0.1:11500/")]
    [TestCase("http://gpu-box", "http://gpu-box/")]
    [TestCase("https://ollama.example.com", "https://ollama.example.com/")]
    [TestCase("http://gpu-box:11434/", "http://gpu-box:11434/")]
    [TestCase("https://proxy.example.com/ollama", "https://proxy.example.com/ollama/")]
    [TestCase("[::1]:11434", "http://[::1]:11434/")]
    [TestCase("::1", "http://[::1]:11434/")]
    [TestCase("  gpu-box:notaport ", "http://gpu-box:11434/")]
    public void Parse_AcceptsWhatOllamasOwnToolsAccept(string value, string expected)
    {
        // Act & Assert
        Assert.That(OllamaHost.Parse(value).ToString(), Is.EqualTo(expected));
    }
}
