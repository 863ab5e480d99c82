using SensorChain.Protocol;

namespace SensorChain.Ingest.Storage;

/// <summary>A gateway enrolled for a patient: its public key and the pseudonymous FHIR Patient id it reports for.</summary>
/// <param name="Device">Device id (hash of the key).</param>
/// <param name="PublicKeySpki">The ECDSA P-256 public key, SubjectPublicKeyInfo DER.</param>
/// <param name="PatientId">FHIR Patient.id (random, carries no PHI).</param>
/// <param name="EnrolledAt">When it was enrolled.</param>
public sealed record DeviceEnrollment(DeviceId Device, byte[] PublicKeySpki, string PatientId, DateTimeOffset EnrolledAt);
