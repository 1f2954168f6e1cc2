using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Languru.Api.Validation;

/// <summary>
/// FluentValidation property names as they appear on the wire: each member of a rule's expression is named by its
/// <see cref="JsonPropertyNameAttribute"/>, so errors name <c>messages[2].role</c> or <c>tools[0].function.name</c>.
/// </summary>
internal static class WireNames
{
    public static string? Resolve(Type type, MemberInfo? member, LambdaExpression? expression)
    {
        var names = new Stack<string>();
        for (var body = expression?.Body; body is MemberExpression access; body = access.Expression)
        {
            names.Push(NameOf(access.Member));
        }

        return names.Count > 0 ? string.Join('.', names) : member is null ? null : NameOf(member);
    }

    private static string NameOf(MemberInfo member) =>
        member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? member.Name;
}
