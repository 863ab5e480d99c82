using System.Globalization;
using System.Security.Cryptography;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Storage.Tests;

/// <summary>Builders for devices, batches and Observations used by the store tests.</summary>
internal static class StoreData
{
    public const string Loinc = "http://loinc.org";
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static readonly DateTimeOffset T0 = new(2026, 1, 31, 23, 59, 0, TimeSpan.Zero);

    public static DeviceEnrollment Enrollment(string patientId)
    {
        using var key = DeviceKey.Create();
        return new DeviceEnrollment(key.Id, key.PublicKeySpki, patientId, T0);
    }

    public static StoredBatch Batch(DeviceId device, ulong sequence, byte salt = 0)
    {
        var payload = new byte[64];
        payload[0] = salt;
        BitConverter.TryWriteBytes(payload.AsSpan(1), sequence);
        return new StoredBatch(
            device,
            sequence,
            BatchHash.FromBytes(SHA256.HashData(payload)),
            BatchHash.Zero,
            T0.ToUnixTimeMilliseconds() + (long)sequence * 1000,
            T0.AddSeconds(sequence),
            payload);
    }

    public static FhirResourceRecord Observation(string id, string patient, string loinc, DateTimeOffset start, double value, string? identifier = null)
    {
        var json = string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"resourceType":"Observation","id":"{{{id}}}","status":"final","category":[{"coding":[{"system":"{{{CategorySystem}}}","code":"vital-signs"}]}],"code":{"coding":[{"system":"{{{Loinc}}}","code":"{{{loinc}}}"}]},"subject":{"reference":"Patient/{{{patient}}}"},"effectivePeriod":{"start":"{{{start:yyyy-MM-ddTHH:mm:ss.fffZ}}}","end":"{{{start.AddSeconds(1):yyyy-MM-ddTHH:mm:ss.fffZ}}}"},"valueQuantity":{"value":{{{value}}},"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}""");
        return new FhirResourceRecord(
            "Observation",
            id,
            1,
            start.AddSeconds(2),
            json,
            new ObservationSearchColumns(patient, "dev-1", [$"{Loinc}|{loinc}"], [$"{CategorySystem}|vital-signs"], start, start.AddSeconds(1), identifier ?? "urn:sc|" + id));
    }
}
