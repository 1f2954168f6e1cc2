using System.Security.Cryptography;

namespace Languru.Api.Responses;

/// <summary>Ids in OpenAI's shape: a prefix and 48 lowercase hex digits (<c>resp_…</c>, <c>msg_…</c>, <c>fc_…</c>, <c>rs_…</c>).</summary>
internal static class ResponseIds
{
    public const string Response = "resp";
    public const string Message = "msg";
    public const string FunctionCall = "fc";
    public const string FunctionCallOutput = "fco";
    public const string Reasoning = "rs";
    public const string Call = "call";

    public static string New(string prefix) => $"{prefix}_{RandomNumberGenerator.GetHexString(48, lowercase: true)}";
}
