using Microsoft.Extensions.Hosting;
using SensorChain.Ingest.Storage;

namespace SensorChain.Ledger.Anchoring;

/// <summary>On start, anchors stored batches that have no anchor yet (the handler's crash recovery).</summary>
public sealed class LedgerCatchUpService(LedgerAnchorHandler handler, IIngestStore store) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => handler.CatchUpAsync(store, cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
