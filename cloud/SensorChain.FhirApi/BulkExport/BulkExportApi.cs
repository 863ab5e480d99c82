using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SensorChain.Fhir.Serialization;
using SensorChain.FhirApi.Access;

namespace SensorChain.FhirApi.BulkExport;

/// <summary>
/// FHIR Bulk Data export (system and Patient level): <c>GET $export</c> with <c>Prefer: respond-async</c> → 202 and
/// Content-Location; polling that URL → 202 with X-Progress, then 200 with the manifest; NDJSON downloads; DELETE
/// cancels. Supports <c>_type</c>, <c>_since</c> and <c>_outputFormat</c> (NDJSON only).
/// </summary>
internal static class BulkExportApi
{
    public const string NdjsonMediaType = "application/fhir+ndjson";

    /// <summary>Types exported by the system-level operation, in output order.</summary>
    public static readonly IReadOnlyList<string> SystemTypes = ["Patient", "Device", "Observation", "Provenance"];

    /// <summary>Types of the Patient compartment exported by <c>Patient/$export</c>.</summary>
    public static readonly IReadOnlyList<string> PatientTypes = ["Patient", "Device", "Observation"];

    private static readonly HashSet<string> OutputFormats = new(StringComparer.Ordinal) { NdjsonMediaType, "application/ndjson", "ndjson" };

    public static void MapBulkExport(RouteGroupBuilder group)
    {
        group.MapGet("/$export", (HttpContext context, BulkExportManager exports, FhirApiOptions options) => KickOff(context, exports, options, SystemTypes));
        group.MapGet("/Patient/$export", (HttpContext context, BulkExportManager exports, FhirApiOptions options) => KickOff(context, exports, options, PatientTypes));
        group.MapGet("/$export-status/{id}", Status);
        group.MapDelete("/$export-status/{id}", Cancel);
        group.MapGet("/$export-file/{id}/{name}", Download);
    }

    internal static IResult KickOff(HttpContext context, BulkExportManager exports, FhirApiOptions options, IReadOnlyList<string> allowed)
    {
        if (!context.Request.Headers["Prefer"].Any(p => p?.Contains("respond-async", StringComparison.OrdinalIgnoreCase) == true))
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, "required", "$export runs asynchronously: send 'Prefer: respond-async'.", "Prefer");
        }

        var types = allowed;
        DateTimeOffset? since = null;
        foreach (var (name, values) in context.Request.Query)
        {
            var value = values.ToString();
            switch (name)
            {
                case "_outputFormat" when !OutputFormats.Contains(value):
                    return FhirResult.Outcome(StatusCodes.Status400BadRequest, "not-supported", $"_outputFormat '{value}' is not supported (only {NdjsonMediaType}).", name);
                case "_outputFormat":
                    break;
                case "_type":
                    var asked = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (asked.Length == 0 || asked.FirstOrDefault(t => !allowed.Contains(t)) is { } unknown)
                    {
                        return FhirResult.Outcome(StatusCodes.Status400BadRequest, "not-supported",
                            $"_type '{value}' is not supported here (types: {string.Join(", ", allowed)}).", name);
                    }

                    types = [.. allowed.Where(asked.Contains)];
                    break;
                case "_since":
                    if (!FhirDateTimeConverter.TryParse(value, out var parsed))
                    {
                        return FhirResult.Outcome(StatusCodes.Status400BadRequest, "invalid", $"_since '{value}' is not a FHIR instant.", name);
                    }

                    since = parsed;
                    break;
                default:
                    if (FhirApi.IsStrict(context, options))
                    {
                        return FhirResult.Outcome(StatusCodes.Status400BadRequest, "not-supported", $"Parameter '{name}' is not supported by $export (Prefer: handling=strict).", name);
                    }

                    break;
            }
        }

        var requestUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        var job = exports.Start(new BulkExportRequest(requestUrl, types, since, FhirRequestAccess.PrincipalOf(context.User)));
        context.Response.Headers.ContentLocation = $"{FhirApi.BaseUrl(context)}/$export-status/{job.Id}";
        return FhirResult.Outcome(StatusCodes.Status202Accepted, "informational", $"Export {job.Id} started; poll the Content-Location.", severity: "information");
    }

    internal static IResult Status(string id, HttpContext context, BulkExportManager exports)
    {
        var job = Owned(id, context, exports, out var problem);
        if (job is null)
        {
            return problem!;
        }

        switch (job.Status)
        {
            case BulkExportStatus.Running:
                context.Response.Headers["X-Progress"] = job.Progress;
                context.Response.Headers.RetryAfter = "1";
                return TypedResults.StatusCode(StatusCodes.Status202Accepted);
            case BulkExportStatus.Failed:
                return FhirResult.Outcome(StatusCodes.Status500InternalServerError, "exception", job.Error ?? "The export failed.");
            default:
                return TypedResults.Bytes(Manifest(job, FhirApi.BaseUrl(context)), "application/json");
        }
    }

    internal static async Task<IResult> Cancel(string id, HttpContext context, BulkExportManager exports)
    {
        if (Owned(id, context, exports, out var problem) is null)
        {
            return problem!;
        }

        await exports.CancelAsync(id);
        return FhirResult.Outcome(StatusCodes.Status202Accepted, "informational", $"Export {id} cancelled and its files deleted.", severity: "information");
    }

    internal static IResult Download(string id, string name, HttpContext context, BulkExportManager exports)
    {
        var job = Owned(id, context, exports, out var problem);
        if (job is null)
        {
            return problem!;
        }

        var file = job.Files.FirstOrDefault(f => f.Name == name);
        return file is null
            ? FhirResult.Outcome(StatusCodes.Status404NotFound, "not-found", $"Export {id} has no file '{name}'.")
            : TypedResults.PhysicalFile(file.Path, NdjsonMediaType);
    }

    private static BulkExportJob? Owned(string id, HttpContext context, BulkExportManager exports, out IResult? problem)
    {
        var job = exports.Find(id);
        problem = job is null
            ? FhirResult.Outcome(StatusCodes.Status404NotFound, "not-found", $"Export {id} is not known (finished and deleted, or cancelled).")
            : job.Request.PrincipalId != FhirRequestAccess.PrincipalOf(context.User)
                ? FhirResult.Outcome(StatusCodes.Status403Forbidden, "forbidden", $"Export {id} belongs to another user.")
                : null;
        return problem is null ? job : null;
    }

    private static byte[] Manifest(BulkExportJob job, string baseUrl)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("transactionTime", FhirDateTimeConverter.Format(job.TransactionTime));
            writer.WriteString("request", job.Request.RequestUrl);
            writer.WriteBoolean("requiresAccessToken", true);
            writer.WriteStartArray("output");
            foreach (var file in job.Files)
            {
                writer.WriteStartObject();
                writer.WriteString("type", file.ResourceType);
                writer.WriteString("url", $"{baseUrl}/$export-file/{job.Id}/{file.Name}");
                writer.WriteNumber("count", file.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("error");
            writer.WriteEndArray();
            writer.WriteStartObject("extension");
            writer.WriteNumber("withheldForConsent", job.Withheld);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
