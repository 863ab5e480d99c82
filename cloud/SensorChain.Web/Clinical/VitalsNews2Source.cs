using SensorChain.Web.Live;

namespace SensorChain.Web.Clinical;

/// <summary>NEWS2 from the live hub's latest vitals; used when SensorChain.Clinical's score is not wired in.</summary>
public sealed class VitalsNews2Source(LiveHub hub) : INews2Source
{
    /// <inheritdoc />
    public ValueTask<News2Result?> GetAsync(string patientId, CancellationToken cancellationToken)
    {
        var v = hub.Latest(patientId);
        return ValueTask.FromResult(v is null ? null : News2.Score(v.RespirationRate, v.SpO2, v.Systolic, v.HeartRate, v.Temperature));
    }
}
