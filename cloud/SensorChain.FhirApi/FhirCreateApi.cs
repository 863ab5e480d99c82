using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using SensorChain.Fhir;
using SensorChain.FhirApi.Access;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;

namespace SensorChain.FhirApi;

/// <summary>
/// <c>POST /fhir/Observation</c>: create, and conditional create with <c>If-None-Exist: identifier=system|value</c>
/// (an existing match is returned with 200 and nothing is written, so a redelivered resource never duplicates).
/// </summary>
internal static class FhirCreateApi
{
    public static async Task<FhirResult> CreateObservation(HttpContext context, IIngestStore store, FhirApiOptions options, TimeProvider time, CancellationToken ct)
    {
        var (observation, error) = await FhirRequestBody.ReadAsync<Observation>(context.Request, options, ct);
        if (observation is null)
        {
            return error!;
        }

        string id;
        var condition = context.Request.Headers["If-None-Exist"].ToString();
        if (condition.Length > 0)
        {
            var (identifier, problem) = ParseCondition(condition, observation);
            if (identifier is null)
            {
                return FhirResult.Outcome(StatusCodes.Status400BadRequest, "invalid", $"If-None-Exist: {problem}", "If-None-Exist");
            }

            id = ConditionalIds.For("Observation", identifier.System!, identifier.Value!);
            if (await store.ReadResourceAsync("Observation", id, ct) is { } existing)
            {
                var resource = FhirRecords.ToResource(existing);
                var reader = FhirRequestAccess.For(context, PatientDataAction.Read, "conditional create Observation (match)");
                return await reader.AllowsAsync(resource, ct)
                    ? FhirApi.Versioned(existing, resource, context)
                    : FhirRequestAccess.Forbidden($"Observation/{id}");
            }
        }
        else
        {
            id = Guid.NewGuid().ToString("N");
        }

        var patient = observation.Subject?.IdOf("Patient");
        if (patient is null || observation.EffectiveStart is null)
        {
            return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity, "processing",
                patient is null ? "Observation.subject must reference a Patient (Patient/<id>)." : "Observation.effective[x] is required.",
                patient is null ? "Observation.subject" : "Observation.effective");
        }

        if (await store.ReadResourceAsync("Patient", patient, ct) is null)
        {
            return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity, "processing", $"Observation.subject Patient/{patient} is not known.", "Observation.subject");
        }

        var writer = FhirRequestAccess.For(context, PatientDataAction.Write, "create Observation");
        if (!await writer.AllowsAsync(patient, SensorDataCategories.For(observation), ct))
        {
            return FhirRequestAccess.Forbidden($"Patient/{patient}'s Observations");
        }

        var toStore = observation with { Id = id, Meta = observation.Meta is null ? null : observation.Meta with { VersionId = null, LastUpdated = null } };
        FhirResourceRecord stored;
        try
        {
            stored = await store.UpsertResourceAsync(FhirRecords.From(toStore, time.GetUtcNow()), ct);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            // Both stores keep Observation business identifiers unique; the transaction rolled back, nothing changed.
            var first = observation.Identifier is { Count: > 0 } identifiers ? identifiers[0] : null;
            return FhirResult.Outcome(StatusCodes.Status409Conflict, "duplicate",
                $"An Observation with identifier {first?.System}|{first?.Value} is already stored; send If-None-Exist: identifier=system|value to get it instead.",
                "Observation.identifier");
        }

        var created = FhirRecords.ToResource(stored);
        if (context.RequestServices.GetService(typeof(Subscriptions.SubscriptionService)) is Subscriptions.SubscriptionService subscriptions)
        {
            await subscriptions.PublishAsync(created, ct);
        }

        var result = FhirApi.Versioned(stored, created, context, StatusCodes.Status201Created);
        return result.WithHeader("Location",
            $"{FhirApi.BaseUrl(context)}/Observation/{stored.Id}/_history/{stored.VersionId.ToString(CultureInfo.InvariantCulture)}");
    }

    private static bool IsUniqueViolation(DbException ex) =>
        ex.SqlState == "23505" || ex.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);

    private static (Identifier? Identifier, string? Problem) ParseCondition(string condition, Observation observation)
    {
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(condition.TrimStart('?'));
        if (parameters.Count != 1 || !parameters.TryGetValue("identifier", out var values) || values.Count != 1)
        {
            return (null, $"'{condition}' is not supported (only identifier=system|value).");
        }

        var token = values[0] ?? string.Empty;
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || bar == token.Length - 1)
        {
            return (null, $"'{token}' is not system|value (both parts are required).");
        }

        var identifier = new Identifier(token[..bar], token[(bar + 1)..]);
        return observation.Identifier?.Any(i => i.System == identifier.System && i.Value == identifier.Value) == true
            ? (identifier, null)
            : (null, $"the Observation does not carry the identifier {token}.");
    }
}
