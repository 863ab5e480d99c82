using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Pipeline;

/// <summary>A batch that passed every check and is durably stored, handed to the downstream handlers.</summary>
/// <param name="Signed">The decoded, verified batch and its wire bytes.</param>
/// <param name="Device">The device's enrolment (patient pseudonym, key).</param>
/// <param name="ReceivedAt">Cloud receive time.</param>
/// <param name="ObservationIds">Ids of the Observations created from it.</param>
public sealed record AcceptedBatch(SignedBatch Signed, DeviceEnrollment Device, DateTimeOffset ReceivedAt, IReadOnlyList<string> ObservationIds)
{
    /// <summary>The patient the batch belongs to (FHIR Patient.id).</summary>
    public string PatientId => Device.PatientId;

    /// <summary>The decoded content.</summary>
    public SensorBatch Batch => Signed.Batch;
}
