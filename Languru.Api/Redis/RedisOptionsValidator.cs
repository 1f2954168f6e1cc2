using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Languru.Api.Redis;

/// <summary>Checks at start-up that a configured Redis configuration string parses.</summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            var parsed = ConfigurationOptions.Parse(options.Configuration);
            return parsed.EndPoints.Count == 0
                ? ValidateOptionsResult.Fail($"{RedisOptions.SectionName}:Configuration names no Redis endpoint (expected host:port, e.g. 127.0.0.1:6379).")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            // The message names the bad option; the configuration string itself may hold a password, so it is not quoted.
            return ValidateOptionsResult.Fail($"{RedisOptions.SectionName}:Configuration is not a valid StackExchange.Redis configuration string: {e.Message}");
        }
    }
}
