using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SensorChain.FhirApi.BulkExport;
using SensorChain.FhirApi.Subscriptions;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Pipeline;

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
        services.TryAddSingleton(TimeProvider.System);
        // Consent: allow-all unless the host registers the real consent-and-audit service (before or after this call).
        services.TryAddSingleton<IPatientDataAccess, OpenPatientDataAccess>();
        services.TryAddSingleton<BulkExportManager>();
        services.TryAddSingleton<SubscriptionService>();
        // Ingest hands every accepted batch to the IAcceptedBatchHandler services: new Observations reach the subscriptions.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAcceptedBatchHandler, SubscriptionBatchHandler>());
        return services;
    }
}
