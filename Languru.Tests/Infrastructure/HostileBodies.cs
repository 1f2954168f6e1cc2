using System.Text;
using System.Text.Json;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// A seeded generator of hostile request bodies: random JSON, and valid chat requests with one thing corrupted
/// (a value of another type, out of range, null, a huge or NUL-laden string, deep nesting, a null or odd array
/// element, a duplicate or unknown key, an unknown role or part type, a truncated body). Bodies are built as a small
/// tree that, unlike <c>JsonNode</c>, can hold duplicate keys and raw JSON text, then written out.
/// </summary>
public sealed class HostileBodies(int seed)
{
    private const string Valid = """
        {"model":"echo","messages":[
          {"role":"system","content":"Be brief."},
          {"role":"developer","content":[{"type":"text","text":"rules"}]},
          {"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}},{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},{"type":"file","file":{"file_id":"file-1"}}]},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"sunny"},
          {"role":"assistant","content":[{"type":"text","text":"It is sunny."}],"refusal":null},
          {"role":"user","content":"and tomorrow?","name":"ann"}],
         "temperature":0.7,"top_p":0.9,"n":2,"max_tokens":50,"max_completion_tokens":60,"stop":["\n\n","END"],
         "presence_penalty":0.1,"frequency_penalty":-0.1,"logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":2,
         "seed":42,"response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object","properties":{"a":{"type":"string"}}},"strict":true}},
         "tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":false}}],
         "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":true,
         "stream":false,"user":"u-1","metadata":{"k":"v"},"store":false,"modalities":["text"],"service_tier":"auto"}
        """;

    private static readonly string[] Words = ["", " ", "robot", "TEXT", "function", "user", "null", "auto", "\u0000", "é😀", "data:", "x"];

    private readonly Random _random = new(seed);

    /// <summary>The next body, and what was done to it (for the failure message).</summary>
    public (string Body, string What) Next()
    {
        var pick = _random.Next(10);
        if (pick == 0)
        {
            return (Write(RandomValue(3)), "random JSON");
        }

        var tree = Parse(JsonDocument.Parse(Valid).RootElement)!;
        Set(tree, "stream", _random.Next(2) == 0);
        var what = Corrupt(tree);
        var body = Write(tree);
        if (pick == 1)
        {
            var cut = _random.Next(body.Length);
            return (body[..cut], $"{what}, truncated at {cut}");
        }

        return (body, what);
    }

    private string Corrupt(object tree)
    {
        var nodes = new List<(object Parent, object Key, string Path)>();
        Collect(tree, "$", nodes);
        var (parent, key, path) = nodes[_random.Next(nodes.Count)];
        var (value, what) = _random.Next(12) switch
        {
            0 => (null, "null"),
            1 => (RandomValue(2), "a random value"),
            2 => (new string('x', 200_000), "a huge string"),
            3 => ("a\u0000b\u0000", "a string with NULs"),
            4 => (new Raw(_random.Next(2) == 0 ? "\"\\ud800\"" : "\"\\udfff x\""), "a lone surrogate"),
            5 => (new Raw(Pick(["1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "0.5", "-1", "129", "2147483648", "1e-400", "-0"])), "an extreme number"),
            6 => (Deep(_random.Next(2, 200)), "deep nesting"),
            7 => (Pick(Words), "an odd string"),
            8 => (new List<object?> { null }, "an array holding null"),
            9 => (new List<(string, object?)> { ("type", Pick(Words)), ("text", "x") }, "an object of unknown type"),
            10 => ((object?)(Get(parent, key) is List<object?> list ? AddNull(list) : null), "a null array element"),
            _ => (Get(parent, key), "a duplicate key"),
        };
        if (what == "a duplicate key" && parent is List<(string, object?)> members)
        {
            members.Add(((string)key, RandomValue(1)));
        }
        else if (what == "a duplicate key")
        {
            Put(parent, key, RandomValue(1));
            what = "a random value";
        }
        else
        {
            Put(parent, key, value);
        }

        return $"{path} := {what}";
    }

    private static List<object?> AddNull(List<object?> list)
    {
        list.Insert(0, null);
        return list;
    }

    private object? RandomValue(int depth) => _random.Next(depth > 0 ? 9 : 6) switch
    {
        0 => null,
        1 => _random.Next(2) == 0,
        2 => _random.NextDouble() * Math.Pow(10, _random.Next(-5, 20)) * (_random.Next(2) == 0 ? -1 : 1),
        3 => (long)_random.Next(-1000, 1000),
        4 => Pick(Words),
        5 => new string((char)_random.Next(32, 0xD7FF), _random.Next(0, 50)),
        6 or 7 => Enumerable.Range(0, _random.Next(4)).Select(_ => RandomValue(depth - 1)).ToList(),
        _ => Enumerable.Range(0, _random.Next(4)).Select(_ => (Pick(["model", "messages", "role", "content", "type", "x", "n"]), RandomValue(depth - 1))).ToList(),
    };

    private static object Deep(int depth)
    {
        object node = "x";
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new List<object?> { node } : new List<(string, object?)> { ("a", node) };
        }

        return node;
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private static void Collect(object? node, string path, List<(object, object, string)> into)
    {
        switch (node)
        {
            case List<(string Key, object? Value)> members:
                for (var i = 0; i < members.Count; i++)
                {
                    into.Add((members, members[i].Key, $"{path}.{members[i].Key}"));
                    Collect(members[i].Value, $"{path}.{members[i].Key}", into);
                }

                break;
            case List<object?> items:
                for (var i = 0; i < items.Count; i++)
                {
                    into.Add((items, i, $"{path}[{i}]"));
                    Collect(items[i], $"{path}[{i}]", into);
                }

                break;
        }
    }

    private static object? Get(object parent, object key) => parent switch
    {
        List<(string Key, object? Value)> members => members.First(m => m.Key == (string)key).Value,
        List<object?> items => items[(int)key],
        _ => null,
    };

    private static void Put(object parent, object key, object? value)
    {
        switch (parent)
        {
            case List<(string Key, object? Value)> members:
                members[members.FindIndex(m => m.Key == (string)key)] = ((string)key, value);
                break;
            case List<object?> items:
                items[(int)key] = value;
                break;
        }
    }

    private static void Set(object tree, string key, object? value) => Put(tree, key, value);

    private static object? Parse(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Select(p => (p.Name, Parse(p.Value))).ToList(),
        JsonValueKind.Array => element.EnumerateArray().Select(Parse).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => new Raw(element.GetRawText()),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static string Write(object? tree)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = 1000 }))
        {
            WriteValue(writer, tree);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case Raw raw:
                writer.WriteRawValue(raw.Json, skipInputValidation: true);
                break;
            case List<(string Key, object? Value)> members:
                writer.WriteStartObject();
                foreach (var (key, member) in members)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, member);
                }

                writer.WriteEndObject();
                break;
            case List<object?> items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>JSON text written as is (numbers beyond double, lone surrogate escapes).</summary>
    private sealed record Raw(string Json);
}
