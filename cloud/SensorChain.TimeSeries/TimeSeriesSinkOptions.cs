namespace SensorChain.TimeSeries;

/// <summary>Where and how the sink writes.</summary>
/// <param name="ServerUri">Base URL of InfluxDB 1.x or VictoriaMetrics, e.g. http://127.0.0.1:8086.</param>
/// <param name="Database">InfluxDB database (VictoriaMetrics accepts and ignores it as a label source).</param>
/// <param name="Capacity">Most points held in memory while the server is slow or down; beyond it the oldest are dropped and counted.</param>
/// <param name="BatchSize">Most points per HTTP write.</param>
/// <param name="MaxRetryDelay">Back-off ceiling between failed writes.</param>
public sealed record TimeSeriesSinkOptions(
    Uri ServerUri,
    string Database = "sensorchain",
    int Capacity = 100_000,
    int BatchSize = 5_000,
    TimeSpan? MaxRetryDelay = null)
{
    /// <summary>The back-off ceiling (default 10 s).</summary>
    public TimeSpan RetryCeiling => MaxRetryDelay ?? TimeSpan.FromSeconds(10);

    /// <summary>The write endpoint.</summary>
    public Uri WriteUri => new(ServerUri, $"write?db={Uri.EscapeDataString(Database)}&precision=ms");
}
