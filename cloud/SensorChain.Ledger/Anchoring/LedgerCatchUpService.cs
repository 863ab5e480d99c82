using Microsoft.Extensions.Hosting;
using SensorChain.Ingest.Storage;

namespace SensorChain.Ledger.Anchoring;

/// <summary>
/// On start, anchors stored batches that have no anchor yet (the handler's crash recovery); on stop, lets the handler
/// anchor what is still queued (within the host's shutdown time; the rest is caught up at the next start).
/// </summary>
public sealed class LedgerCatchUpService(LedgerAnchorHandler handler, IIngestStore store) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => handler.CatchUpAsync(store, cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => handler.StopAsync(cancellationToken);
}
