using Microsoft.Extensions.DependencyInjection;
using SensorChain.Ingest.Pipeline;
using SensorChain.TestSupport;
using SensorChain.Web;
using SensorChain.Web.Clinical;

namespace SensorChain.Web.Tests;

public sealed class AlertSourceRegistrationTests
{
    [Fact]
    public void Fallback_alert_rules_run_when_no_alert_source_is_registered()
    {
        using var dir = new TempDirectory();
        var services = new ServiceCollection().AddSensorChainWeb(o => o.DataDirectory = dir.Path);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryAlertSource>(provider.GetRequiredService<IAlertSource>());
        Assert.Contains(provider.GetServices<IAcceptedBatchHandler>(), h => h is VitalsAlertDetector);
    }

    [Fact]
    public void A_registered_alert_source_replaces_the_fallback_rules_entirely()
    {
        using var dir = new TempDirectory();
        var services = new ServiceCollection().AddSingleton<IAlertSource, NoAlerts>().AddSensorChainWeb(o => o.DataDirectory = dir.Path);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<NoAlerts>(provider.GetRequiredService<IAlertSource>());
        Assert.DoesNotContain(provider.GetServices<IAcceptedBatchHandler>(), h => h is VitalsAlertDetector);
    }

    private sealed class NoAlerts : IAlertSource
    {
        public ValueTask<IReadOnlyList<WebAlert>> ListAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<WebAlert>>([]);

        public async IAsyncEnumerable<WebAlert> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }

        public ValueTask<WebAlert?> AcknowledgeAsync(string alertId, string byDisplayName, CancellationToken cancellationToken) => ValueTask.FromResult<WebAlert?>(null);

        public ValueTask<WebAlert?> EscalateAsync(string alertId, string byDisplayName, CancellationToken cancellationToken) => ValueTask.FromResult<WebAlert?>(null);
    }
}
