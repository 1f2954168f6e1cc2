using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Stop sequences: sent as one string or as an array of strings.</summary>
[JsonConverter(typeof(StopSequencesJsonConverter))]
public sealed class StopSequences
{
    /// <summary>Creates stop sequences.</summary>
    /// <param name="values">The sequences.</param>
    /// <param name="sentAsString">Whether the client sent a single string rather than an array.</param>
    public StopSequences(IReadOnlyList<string> values, bool sentAsString = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        SentAsString = sentAsString;
    }

    /// <summary>The sequences, in the order sent.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Whether the client sent a single string (written back the same way).</summary>
    public bool SentAsString { get; }

    /// <summary>A single stop sequence.</summary>
    /// <param name="value">The sequence.</param>
    public static implicit operator StopSequences(string value) => new([value], sentAsString: true);

    /// <summary>A single stop sequence.</summary>
    /// <param name="value">The sequence.</param>
    /// <returns>The stop sequences.</returns>
    public static StopSequences FromString(string value) => new([value], sentAsString: true);
}
