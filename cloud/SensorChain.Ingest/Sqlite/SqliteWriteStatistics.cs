namespace SensorChain.Ingest.Sqlite;

/// <summary>What the SQLite store's group-committing writer has done so far.</summary>
/// <param name="Commits">Transactions committed.</param>
/// <param name="Items">Writes (a batch with its resources, or one resource) they held.</param>
/// <param name="Busy">Wall time the writer spent applying and committing them (including fsync).</param>
public sealed record SqliteWriteStatistics(long Commits, long Items, TimeSpan Busy);
