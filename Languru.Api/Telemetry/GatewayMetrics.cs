using System.Diagnostics;
using System.Diagnostics.Metrics;
using Languru.Providers.Telemetry;

namespace Languru.Api.Telemetry;

/// <summary>
/// The gateway's own numbers, on the meter <c>Languru</c>, and the GenAI server metrics of the semantic conventions
/// (<c>gen_ai.server.request.duration</c>, <c>gen_ai.server.time_to_first_token</c>). Every name and attribute is
/// listed in docs/observability.md. With nothing listening, recording costs a check per instrument.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Languru";

    // The bucket boundaries the GenAI semantic conventions advise.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly double[] FirstTokenBuckets = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0];

    private readonly Counter<long> _requests;
    private readonly UpDownCounter<long> _activeStreams;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _serverDuration;
    private readonly Histogram<double> _serverFirstToken;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("languru.requests", "{request}", "Requests served, by endpoint, route, provider, model, key and outcome.");
        _activeStreams = meter.CreateUpDownCounter<long>("languru.streams.active", "{stream}", "Streamed answers being sent now.");
        _retries = meter.CreateCounter<long>("languru.retries", "{retry}", "Provider calls retried on the same target.");
        _fallbacks = meter.CreateCounter<long>("languru.fallbacks", "{fallback}", "Moves to the next target or fallback after a target failed.");
        _rateLimited = meter.CreateCounter<long>("languru.rate_limited", "{request}", "Requests refused by the gateway's rate limits.");
        _tokens = meter.CreateCounter<long>("languru.tokens", "{token}", "Tokens the upstreams reported, by key, provider and type (input or output).");
        _serverDuration = meter.CreateHistogram(
            "gen_ai.server.request.duration", "s", "Time the gateway took to serve a GenAI request.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _serverFirstToken = meter.CreateHistogram(
            "gen_ai.server.time_to_first_token", "s", "Time from a streamed request's arrival to its first answer token.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FirstTokenBuckets });
    }

    public void StreamStarted() => _activeStreams.Add(1);

    public void StreamEnded() => _activeStreams.Add(-1);

    public void RequestEnded(in RequestSummary request)
    {
        var record = request.Record;
        var provider = record.Provider ?? record.RequestedProvider ?? "";
        var key = record.KeyName ?? "";
        if (_requests.Enabled)
        {
            _requests.Add(1, new TagList
            {
                { "http.route", request.HttpRoute },
                { "languru.route", record.Route ?? "" },
                { "languru.provider", provider },
                { "languru.model", request.MetricModel },
                { "languru.key", key },
                { "languru.outcome", request.Outcome },
            });
        }

        if (record.Retries > 0)
        {
            _retries.Add(record.Retries, new KeyValuePair<string, object?>("languru.provider", provider));
        }

        if (record.Fallbacks > 0)
        {
            _fallbacks.Add(record.Fallbacks, new KeyValuePair<string, object?>("languru.route", record.Route ?? request.MetricModel));
        }

        if (record.RateLimited)
        {
            _rateLimited.Add(1, new KeyValuePair<string, object?>("languru.key", key));
        }

        if (_tokens.Enabled)
        {
            AddTokens(record.InputTokens, "input", key, provider);
            AddTokens(record.OutputTokens, "output", key, provider);
        }

        if (record.RequestedProvider is null || !(_serverDuration.Enabled || _serverFirstToken.Enabled))
        {
            return; // not a GenAI request (it never reached a provider), or nothing listens
        }

        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", provider },
            { "gen_ai.request.model", request.MetricModel },
        };
        if (record.Model is { } answered)
        {
            tags.Add("gen_ai.response.model", answered);
        }

        if (request.ErrorType is { } error)
        {
            tags.Add("error.type", error);
        }

        _serverDuration.Record(request.Duration.TotalSeconds, tags);
        if (request.TimeToFirstToken is { } firstToken)
        {
            _serverFirstToken.Record(firstToken.TotalSeconds, tags);
        }
    }

    private void AddTokens(long count, string type, string key, string provider)
    {
        if (count > 0)
        {
            _tokens.Add(count, new TagList { { "languru.key", key }, { "languru.provider", provider }, { "gen_ai.token.type", type } });
        }
    }
}

/// <summary>A finished request, as the metrics and the log line see it.</summary>
/// <param name="Record">What serving it involved.</param>
/// <param name="HttpRoute">The endpoint's route template, e.g. <c>v1/chat/completions</c>; empty when none matched.</param>
/// <param name="MetricModel">The model asked for, or empty when it is not a safe metric value (see docs/observability.md).</param>
/// <param name="Outcome">How it ended: <c>success</c>, <c>client_error</c>, <c>rate_limited</c>, ….</param>
/// <param name="ErrorType">The <c>error.type</c>: the failing status code, or null on success.</param>
/// <param name="Duration">How long it took, until the last byte.</param>
/// <param name="TimeToFirstToken">For streams: how long until the first answer token.</param>
internal readonly record struct RequestSummary(
    RequestRecord Record, string HttpRoute, string MetricModel, string Outcome, string? ErrorType, TimeSpan Duration, TimeSpan? TimeToFirstToken);
