using System.Text.Json;
using System.Text.Json.Nodes;
using SensorChain.Ingest.Storage;
using SensorChain.Web.Consent;

namespace SensorChain.Web.Research;

/// <summary>
/// Writes de-identified FHIR NDJSON (one resource per line) for the patients with research consent in force:
/// a Patient per consenting patient, then their Observations. Everything else is left out.
/// </summary>
public sealed class ResearchExporter(SafeHarbor safeHarbor, TimeProvider time)
{
    // NDJSON for data tools, not HTML: keep '+' and non-ASCII readable.
    private static readonly JsonSerializerOptions Ndjson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Exports from <paramref name="store"/>.</summary>
    public async Task<ResearchExportSummary> ExportAsync(IIngestStore store, AccessPolicy policy, PatientProfileStore profiles, TextWriter output, CancellationToken cancellationToken)
    {
        var consented = policy.ResearchPatients().ToHashSet(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var patients = 0;
        var observations = 0;
        var noConsent = 0;
        var otherTypes = 0;
        var storedPatients = new Dictionary<string, JsonObject>(StringComparer.Ordinal);

        await foreach (var record in store.ExportAsync("Patient", null, cancellationToken))
        {
            if (JsonNode.Parse(record.Json) is JsonObject p)
            {
                storedPatients[record.Id] = p;
            }
        }

        foreach (var patientId in consented.Order(StringComparer.Ordinal))
        {
            var stored = storedPatients.GetValueOrDefault(patientId);
            var gender = stored?["gender"]?.GetValue<string>();
            var birth = profiles.Find(patientId)?.BirthDate
                ?? (DateOnly.TryParse(stored?["birthDate"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var b) ? b : null);
            await output.WriteLineAsync(safeHarbor.Patient(patientId, gender, birth, today).ToJsonString(Ndjson));
            patients++;
        }

        await foreach (var record in store.ExportAsync(null, null, cancellationToken))
        {
            if (record.ResourceType is "Patient")
            {
                continue;
            }

            if (record.ResourceType is not "Observation")
            {
                otherTypes++;
                continue;
            }

            var patientId = record.Search?.PatientId ?? SubjectOf(record.Json);
            if (patientId is null || !consented.Contains(patientId))
            {
                noConsent++;
                continue;
            }

            if (JsonNode.Parse(record.Json) is JsonObject observation)
            {
                await output.WriteLineAsync(safeHarbor.Resource(observation, patientId).ToJsonString(Ndjson));
                observations++;
            }
        }

        await output.FlushAsync(cancellationToken);
        return new ResearchExportSummary(patients, observations, noConsent, otherTypes);
    }

    private static string? SubjectOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.TryGetProperty("subject", out var subject) && subject.TryGetProperty("reference", out var reference)
            && reference.GetString() is { } r && r.StartsWith("Patient/", StringComparison.Ordinal))
        {
            return r["Patient/".Length..];
        }

        return null;
    }
}
