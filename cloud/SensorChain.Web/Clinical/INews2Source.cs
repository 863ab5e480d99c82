namespace SensorChain.Web.Clinical;

/// <summary>Where the patient list gets NEWS2 from: SensorChain.Clinical when wired, else <see cref="VitalsNews2Source"/>.</summary>
public interface INews2Source
{
    /// <summary>The current NEWS2 of a patient, or null when there are no vitals yet.</summary>
    ValueTask<News2Result?> GetAsync(string patientId, CancellationToken cancellationToken);
}
