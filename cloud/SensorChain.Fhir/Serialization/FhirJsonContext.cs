using System.Text.Json.Serialization;

namespace SensorChain.Fhir.Serialization;

/// <summary>
/// Source-generated System.Text.Json metadata for the FHIR model: camelCase names as in the specification,
/// nulls omitted, <c>resourceType</c> as the polymorphic discriminator (accepted anywhere in the object).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    AllowDuplicateProperties = false,
    Converters = [typeof(FhirDateTimeConverter)])]
[JsonSerializable(typeof(Resource))]
[JsonSerializable(typeof(Bundle))]
[JsonSerializable(typeof(Observation))]
[JsonSerializable(typeof(Patient))]
[JsonSerializable(typeof(Device))]
[JsonSerializable(typeof(Provenance))]
[JsonSerializable(typeof(OperationOutcome))]
[JsonSerializable(typeof(CapabilityStatement))]
[JsonSerializable(typeof(Consent))]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(Flag))]
[JsonSerializable(typeof(DetectedIssue))]
[JsonSerializable(typeof(Communication))]
[JsonSerializable(typeof(Subscription))]
public sealed partial class FhirJsonContext : JsonSerializerContext;
