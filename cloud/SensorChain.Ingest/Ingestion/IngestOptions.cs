namespace SensorChain.Ingest.Ingestion;

/// <summary>Settings of <see cref="IngestService"/>.</summary>
public sealed record IngestOptions
{
    /// <summary>
    /// Reject batches whose window starts more than this after the cloud's clock (null: no check). Old batches are
    /// always fine: a gateway's outbox may deliver hours later.
    /// </summary>
    public TimeSpan? MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
