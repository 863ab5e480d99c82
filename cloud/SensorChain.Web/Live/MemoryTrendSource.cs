namespace SensorChain.Web.Live;

/// <summary>The trend the live hub kept in memory since start (no ingest store registered).</summary>
public sealed class MemoryTrendSource(LiveHub hub) : ITrendSource
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<VitalsSnapshot>> GetAsync(string patientId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(hub.Trend(patientId));
}
