namespace SensorChain.Ingest.Ingestion;

/// <summary>Counters of an <see cref="IngestService"/> (thread-safe snapshot via <see cref="IngestService.Statistics"/>).</summary>
/// <param name="Accepted">Batches accepted.</param>
/// <param name="Duplicates">Redeliveries acknowledged without change.</param>
/// <param name="Rejected">Rejections per reason.</param>
/// <param name="Observations">Observations created.</param>
/// <param name="HandlerFailures">Handler exceptions (the batch stays accepted).</param>
/// <param name="GapsOpened">Accepted batches that arrived beyond head + 1 (opening a gap).</param>
public sealed record IngestStatistics(
    long Accepted,
    long Duplicates,
    IReadOnlyDictionary<IngestRejectReason, long> Rejected,
    long Observations,
    long HandlerFailures,
    long GapsOpened)
{
    /// <summary>All rejections.</summary>
    public long RejectedTotal => Rejected.Values.Sum();
}
