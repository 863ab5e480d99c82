using SensorChain.Fhir;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Enrollment;

/// <summary>Enrols a gateway for a (pseudonymous) patient: the key in the store, plus the Patient and Device resources.</summary>
public static class DeviceEnrollmentService
{
    /// <summary>
    /// Enrols the device whose SubjectPublicKeyInfo is <paramref name="publicKeySpki"/> for <paramref name="patientId"/>
    /// (a random FHIR id carrying no PHI), and upserts <c>Patient/{patientId}</c> and <c>Device/{deviceId}</c>.
    /// </summary>
    public static async Task<DeviceEnrollment> EnrollAsync(IIngestStore store, byte[] publicKeySpki, string patientId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(publicKeySpki);
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        using (P256.ImportPublicKey(publicKeySpki))
        {
            // Throws CryptographicException for anything but a P-256 key.
        }

        var now = time.GetUtcNow();
        var enrollment = new DeviceEnrollment(DeviceId.FromPublicKey(publicKeySpki), publicKeySpki, patientId, now);
        await store.EnrollDeviceAsync(enrollment, cancellationToken);
        var existingPatient = await store.ReadResourceAsync("Patient", patientId, cancellationToken);
        if (existingPatient is null)
        {
            await store.UpsertResourceAsync(FhirRecords.From(PatientFor(patientId), now), cancellationToken);
        }

        await store.UpsertResourceAsync(FhirRecords.From(DeviceFor(enrollment.Device, patientId), now), cancellationToken);
        return enrollment;
    }

    /// <summary>A new random patient id (32 hex digits).</summary>
    public static string NewPatientId() => Guid.NewGuid().ToString("N");

    /// <summary>The pseudonymous Patient resource.</summary>
    public static Patient PatientFor(string patientId) => new()
    {
        Id = patientId,
        Identifier = [new Identifier(FhirSystems.PatientIdentifier, patientId)],
        Active = true,
    };

    /// <summary>The Device resource of a gateway.</summary>
    public static Device DeviceFor(DeviceId device, string patientId) => new()
    {
        Id = device.ToString(),
        Identifier = [new Identifier(FhirSystems.DeviceIdentifier, device.ToString())],
        Status = "active",
        Manufacturer = "SensorChain",
        DeviceName = [new DeviceDeviceName { Name = "SensorChain bedside gateway", Type = "user-friendly-name" }],
        Type = new CodeableConcept { Text = "Bedside sensor gateway (signs 1-second batches)" },
        Patient = ResourceReference.To("Patient", patientId),
    };
}
