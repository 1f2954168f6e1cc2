using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Languru.Providers.Configuration;

/// <summary>
/// Finds the values of a configuration section that the configuration binder could not convert to the options type,
/// all of them (the binder stops at the first and throws). Walks the type as the binder does: properties by name
/// (or <see cref="ConfigurationKeyNameAttribute"/>), nested objects, lists, arrays and string-keyed dictionaries, and
/// converts each value with the same <see cref="TypeConverter"/> the binder uses.
/// </summary>
internal static class SettingValues
{
    private const int MaxDepth = 16;

    /// <summary>A value that does not convert: its key relative to the section, and the problem naming the full path.</summary>
    public readonly record struct Unconvertible(string RelativeKey, string Problem);

    public static List<Unconvertible> FindUnconvertible(IConfigurationSection section, Type type)
    {
        var found = new List<Unconvertible>();
        Walk(section, type, section.Path, found, 0);
        return found;
    }

    private static void Walk(IConfigurationSection section, Type type, string root, List<Unconvertible> found, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        // The binder turns an empty value into null for a nullable type, but converts it (and fails) for others.
        var nullable = Nullable.GetUnderlyingType(type) is not null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsLeaf(type))
        {
            if (section.Value is not null && !(nullable && section.Value.Length == 0) && !Converts(type, section.Value))
            {
                found.Add(new Unconvertible(section.Path[root.Length..].TrimStart(':'), $"{section.Path} '{section.Value}' is not {Expected(type)}."));
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            foreach (var child in section.GetChildren())
            {
                Walk(child, element, root, found, depth + 1);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
            {
                var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
                Walk(section.GetSection(key), property.PropertyType, root, found, depth + 1);
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type == typeof(string) || type == typeof(object) || type.IsEnum || type.IsPrimitive
        || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    /// <summary>The element type of an array, a list or a dictionary with string keys; null for other types.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var dictionary = Generic(type, typeof(IDictionary<,>)) ?? Generic(type, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        return typeof(IEnumerable).IsAssignableFrom(type) && Generic(type, typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : null;
    }

    private static Type? Generic(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    private static bool Converts(Type type, string value)
    {
        if (type == typeof(string) || type == typeof(object))
        {
            return true;
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException
            || ex.InnerException is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a duration: expected [d.]hh:mm:ss[.fff], e.g. 00:00:30 or 00:00:00.250",
        _ when type == typeof(bool) => "a boolean: expected true or false",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number: expected e.g. 1.5",
        _ when type == typeof(Uri) => "a URL: expected e.g. http://127.0.0.1:11434",
        _ when type.IsEnum => $"one of: {string.Join(", ", Enum.GetNames(type))}",
        _ => string.Create(CultureInfo.InvariantCulture, $"a valid {type.Name}"),
    };
}
