namespace SensorChain.Ingest.Mapping;

/// <summary>Code systems and identifier namespaces SensorChain writes.</summary>
public static class FhirSystems
{
    /// <summary>LOINC.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>ISO/IEEE 11073-10101 (MDC) nomenclature.</summary>
    public const string Mdc = "urn:iso:std:iso:11073:10101";

    /// <summary>SensorChain's own codes where LOINC/MDC have none that fits (accelerometer, EMG, GSR).</summary>
    public const string SensorKind = "urn:sensorchain:sensor-kind";

    /// <summary>HL7 observation categories.</summary>
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>HL7 data-absent reasons.</summary>
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    /// <summary>Identifier system of an Observation: value <c>&lt;device&gt;/&lt;sequence&gt;/&lt;code&gt;</c> (conditional create key).</summary>
    public const string BatchIdentifier = "urn:sensorchain:batch";

    /// <summary>Identifier system of a batch hash (hex SHA-256 of the signed wire bytes).</summary>
    public const string BatchHash = "urn:sensorchain:batch-hash";

    /// <summary>Identifier system of a device id (hex, derived from the device key).</summary>
    public const string DeviceIdentifier = "urn:sensorchain:device";

    /// <summary>Identifier system of a pseudonymous patient id.</summary>
    public const string PatientIdentifier = "urn:sensorchain:patient";

    /// <summary>Extension on Observation pointing at the batch's Provenance.</summary>
    public const string ProvenanceExtension = "https://sensorchain.example/fhir/StructureDefinition/provenance";

    /// <summary>Signature type system (ASTM E1762).</summary>
    public const string SignatureType = "urn:iso-astm:E1762-95:2013";

    /// <summary>Media type of the signed data: a wire format v1 batch.</summary>
    public const string BatchMediaType = "application/vnd.sensorchain.batch-v1";

    /// <summary>Media type of the signature: ECDSA P-256 over SHA-256, IEEE P1363 (r‖s), low-S.</summary>
    public const string SignatureMediaType = "application/vnd.sensorchain.ecdsa-p256-sha256-p1363";
}
