using Languru.Providers.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Languru.Api.Responses;

/// <summary>Registers the Responses API (its validator is registered with the others): its options and the default (in-memory) response store.</summary>
internal static class ResponsesServiceCollectionExtensions
{
    public static IServiceCollection AddLanguruResponses(this IServiceCollection services)
    {
        services.AddOptions<ResponsesOptions>().BindCheckedConfiguration(ResponsesOptions.Section).ValidateOnStart();
        services.TryAddSingleton<IResponseStore, InMemoryResponseStore>();
        return services;
    }
}
