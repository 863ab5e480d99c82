using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;
using SensorChain.Ledger.Anchoring;
using SensorChain.Ledger.Embedded;

namespace SensorChain.Ledger;

/// <summary>Registers the ledger in a cloud host.</summary>
public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers an opened embedded ledger: <see cref="ILedger"/>, the <see cref="AnchorStore"/>, the
    /// <see cref="LedgerAnchorHandler"/> as an <see cref="IAcceptedBatchHandler"/>, and a hosted service that anchors
    /// stored batches missed before a crash (needs <see cref="IIngestStore"/> registered).
    /// </summary>
    public static IServiceCollection AddSensorChainLedger(this IServiceCollection services, EmbeddedLedgerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        services.AddSingleton(host);
        services.AddSingleton<ILedger>(host.Ledger);
        services.AddSingleton(host.Anchors);
        services.AddSingleton(sp => new LedgerAnchorHandler(host.Ledger, host.Anchors, host.Organization.KeyId, sp.GetRequiredService<ILogger<LedgerAnchorHandler>>()));
        services.AddSingleton<IAcceptedBatchHandler>(sp => sp.GetRequiredService<LedgerAnchorHandler>());
        services.AddHostedService<LedgerCatchUpService>();
        return services;
    }
}
