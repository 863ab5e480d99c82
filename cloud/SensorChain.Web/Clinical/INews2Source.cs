namespace SensorChain.Web.Clinical;

/// <summary>Where the patient list gets NEWS2 from; the default <see cref="VitalsNews2Source"/> scores the latest vitals with SensorChain.Clinical's scorer.</summary>
public interface INews2Source
{
    /// <summary>The current NEWS2 of a patient, or null when there are no vitals yet.</summary>
    ValueTask<News2Result?> GetAsync(string patientId, CancellationToken cancellationToken);
}
