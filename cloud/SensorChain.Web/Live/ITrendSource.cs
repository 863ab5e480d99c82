namespace SensorChain.Web.Live;

/// <summary>Where the live view's trend chart comes from: the ingest store when one is registered (survives a restart), else the live hub's memory.</summary>
public interface ITrendSource
{
    /// <summary>Per-batch vitals of the last <see cref="LiveHub.TrendCapacity"/> seconds (unfiltered), oldest first.</summary>
    ValueTask<IReadOnlyList<VitalsSnapshot>> GetAsync(string patientId, CancellationToken cancellationToken);
}
