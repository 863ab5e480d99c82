using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorChain.Ledger.Embedded;
using SensorChain.Ledger.Notes;
using SensorChain.Web.Audit;
using SensorChain.Web.Consent;

namespace SensorChain.Cli.Hosting;

/// <summary>Puts the web app's consent changes and audit checkpoints on the embedded ledger.</summary>
public static class LedgerWebServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LedgerConsentRecorder"/> as <see cref="IConsentLedger"/> and <see cref="LedgerAuditAnchor"/> as
    /// <see cref="IAuditAnchor"/> (before or after AddSensorChainWeb, which adds its no-op defaults only when none is registered).
    /// </summary>
    public static IServiceCollection AddSensorChainWebLedger(this IServiceCollection services, EmbeddedLedgerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        // The organization's ledger key: the same file EmbeddedLedgerHost.OpenAsync loads for host.Organization.
        var organizationKey = Ed25519Key.LoadOrCreate(Path.Combine(host.DataDirectory, "ledger", "keys", host.Organization.Name + ".key"));
        services.AddSingleton(sp => new LedgerConsentRecorder(host.Ledger, host.Anchors, host.Policy, sp.GetRequiredService<ILogger<LedgerConsentRecorder>>()));
        services.AddSingleton<IConsentLedger>(sp => sp.GetRequiredService<LedgerConsentRecorder>());
        services.AddSingleton(sp => new LedgerAuditAnchor(host.Ledger, host.Organization.Name, organizationKey, host.Policy, sp.GetRequiredService<ILogger<LedgerAuditAnchor>>()));
        services.AddSingleton<IAuditAnchor>(sp => sp.GetRequiredService<LedgerAuditAnchor>());
        return services;
    }
}
