namespace SensorChain.TimeSeries;

/// <summary>A snapshot of the sink's counters.</summary>
/// <param name="Enqueued">Points accepted into the buffer.</param>
/// <param name="Written">Points the server acknowledged.</param>
/// <param name="Dropped">Points lost because the buffer was full (oldest first).</param>
/// <param name="Rejected">Points the server refused (HTTP 4xx); not retried.</param>
/// <param name="Pending">Points buffered or in flight.</param>
/// <param name="FailedWrites">HTTP writes that failed and were retried.</param>
public readonly record struct TimeSeriesSinkStats(long Enqueued, long Written, long Dropped, long Rejected, long Pending, long FailedWrites);
