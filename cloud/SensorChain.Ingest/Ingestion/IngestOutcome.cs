namespace SensorChain.Ingest.Ingestion;

/// <summary>What happened to a received batch.</summary>
public enum IngestOutcome
{
    /// <summary>Verified and stored now; handlers ran.</summary>
    Accepted,
    /// <summary>The same batch was already stored (redelivery): acknowledge, nothing changed.</summary>
    Duplicate,
    /// <summary>Refused; nothing stored changed. See <see cref="IngestResult.Reason"/>.</summary>
    Rejected,
}
