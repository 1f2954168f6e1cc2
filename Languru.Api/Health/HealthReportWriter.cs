using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Languru.Api.Health;

/// <summary>
/// Writes a health report as JSON: <c>{"status":"Unhealthy","checks":[{"name":"provider:ollama","status":"Unhealthy",
/// "description":"…","duration_ms":3.2}, …]}</c>. Descriptions never quote secrets (providers describe failures
/// safely); exceptions are not written.
/// </summary>
internal static class HealthReportWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? (entry.Exception is null ? null : $"the check failed ({entry.Exception.GetType().Name})"));
            json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
