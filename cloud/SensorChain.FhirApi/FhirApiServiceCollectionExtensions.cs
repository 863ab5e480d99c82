using Microsoft.Extensions.DependencyInjection;

namespace SensorChain.FhirApi;

/// <summary>Registers the FHIR API's services. The host registers the <c>IIngestStore</c> (and a TimeProvider, else System).</summary>
public static class FhirApiServiceCollectionExtensions
{
    /// <summary>Adds the FHIR API services.</summary>
    public static IServiceCollection AddSensorChainFhirApi(this IServiceCollection services, Action<FhirApiOptions>? configure = null)
    {
        var options = new FhirApiOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
