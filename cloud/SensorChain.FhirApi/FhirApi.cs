using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Fhir;
using SensorChain.FhirApi.Access;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;

namespace SensorChain.FhirApi;

/// <summary>The FHIR R4 REST endpoints (<c>app.MapFhirApi()</c>): metadata, read, vread, Observation search and $lastn.</summary>
public static class FhirApi
{
    /// <summary>Resource types served by read/vread.</summary>
    public static readonly IReadOnlyList<string> ReadableTypes = ["Observation", "Patient", "Device", "Provenance", "Subscription"];

    /// <summary>Maps the endpoints under <see cref="FhirApiOptions.BasePath"/>.</summary>
    public static RouteGroupBuilder MapFhirApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetService<FhirApiOptions>() ?? new FhirApiOptions();
        var group = endpoints.MapGroup(options.BasePath);
        group.AddEndpointFilter(StoredDataIntegrityFilter.InvokeAsync);
        group.MapGet("/metadata", Metadata);
        group.MapGet("/Observation", SearchObservations);
        group.MapGet("/Observation/$lastn", LastN);
        group.MapPost("/Observation", FhirCreateApi.CreateObservation);
        BulkExport.BulkExportApi.MapBulkExport(group);
        Subscriptions.SubscriptionApi.MapSubscriptions(group);
        foreach (var type in ReadableTypes)
        {
            group.MapGet($"/{type}/{{id}}", (string id, HttpContext context, IIngestStore store, CancellationToken ct) => Read(type, id, context, store, ct));
            group.MapGet($"/{type}/{{id}}/_history/{{vid}}", (string id, string vid, HttpContext context, IIngestStore store, CancellationToken ct) =>
                VRead(type, id, vid, context, store, ct));
        }

        group.MapGet("/Binary/{id}", ReadBatchBinary);
        group.MapFallback(UnknownRoute);
        return group;
    }

    internal static FhirResult Metadata(HttpContext context, TimeProvider time, FhirApiOptions options) =>
        new(CapabilityStatementFactory.Create(time.GetUtcNow(), BaseUrl(context), options.MaxRequestBytes));

    internal static async Task<FhirResult> Read(string type, string id, HttpContext context, IIngestStore store, CancellationToken ct)
    {
        var record = await store.ReadResourceAsync(type, id, ct);
        return record is null
            ? FhirResult.Outcome(StatusCodes.Status404NotFound, "not-found", $"{type}/{id} is not known.")
            : await VersionedIfAllowedAsync(record, context, "read", ct);
    }

    internal static async Task<FhirResult> VRead(string type, string id, string vid, HttpContext context, IIngestStore store, CancellationToken ct)
    {
        if (!int.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, "invalid", $"'{vid}' is not a version id (1, 2, …).", "vid");
        }

        var record = await store.ReadResourceVersionAsync(type, id, version, ct);
        if (record is null)
        {
            var current = await store.ReadResourceAsync(type, id, ct);
            return FhirResult.Outcome(StatusCodes.Status404NotFound, "not-found",
                current is null ? $"{type}/{id} is not known." : $"{type}/{id} has no version {version} (current is {current.VersionId}).");
        }

        return await VersionedIfAllowedAsync(record, context, "vread", ct);
    }

    internal static async Task<FhirResult> SearchObservations(HttpContext context, IIngestStore store, FhirApiOptions options, TimeProvider time, CancellationToken ct)
    {
        var search = ObservationSearch.Parse(context.Request.Query, IsStrict(context, options), options, out var error);
        if (search is null)
        {
            return error!;
        }

        var page = await store.SearchObservationsAsync(search.Query, ct);
        var baseUrl = BaseUrl(context);
        var entries = new List<BundleEntry>();
        var devices = new SortedSet<string>(StringComparer.Ordinal);
        var access = FhirRequestAccess.For(context, PatientDataAction.Read, "search Observation");
        foreach (var record in page.Items)
        {
            var resource = FhirRecords.ToResource(record);
            if (!await access.AllowsAsync(resource, ct))
            {
                continue;
            }

            entries.Add(Entry(baseUrl, resource, "match"));
            if (search.IncludeDevice && resource is Observation { Device: { } device } && device.IdOf("Device") is { } deviceId)
            {
                devices.Add(deviceId);
            }
        }

        if (search.Query.PatientId is { } searched && page.Items.Count > 0 && access.Withheld == page.Items.Count)
        {
            return FhirRequestAccess.Forbidden($"Patient/{searched}'s Observations");
        }

        foreach (var deviceId in devices)
        {
            if (await store.ReadResourceAsync("Device", deviceId, ct) is { } device && await access.AllowsAsync(FhirRecords.ToResource(device), ct))
            {
                entries.Add(Entry(baseUrl, FhirRecords.ToResource(device), "include"));
            }
        }

        if (search.Ignored.Count > 0)
        {
            entries.Add(new BundleEntry
            {
                Resource = OperationOutcome.Single("warning", "not-supported",
                    $"Ignored unsupported search parameter(s): {string.Join(", ", search.Ignored)}."),
                Search = new BundleEntrySearch { Mode = "outcome" },
            });
        }

        if (access.Withheld > 0)
        {
            entries.Add(new BundleEntry
            {
                Resource = OperationOutcome.Single("information", "suppressed",
                    $"{access.Withheld} resource(s) withheld: no consent for this user."),
                Search = new BundleEntrySearch { Mode = "outcome" },
            });
        }

        AddUnreadable(entries, page, context);

        var q = search.Query;
        var links = new List<BundleLink> { new("self", PageUrl(baseUrl, search, q.Offset, q.Count)) };
        if (q.Count > 0 && q.Offset + q.Count < page.Total)
        {
            links.Add(new BundleLink("next", PageUrl(baseUrl, search, q.Offset + q.Count, q.Count)));
        }

        if (q.Offset > 0 && q.Count > 0)
        {
            links.Add(new BundleLink("previous", PageUrl(baseUrl, search, Math.Max(0, q.Offset - q.Count), q.Count)));
        }

        return new FhirResult(new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Meta = new Meta { LastUpdated = time.GetUtcNow() },
            Type = "searchset",
            Timestamp = time.GetUtcNow(),
            Total = access.Withheld > 0 ? null : (int)Math.Min(page.Total, int.MaxValue),
            Link = links,
            Entry = entries,
        });
    }

    /// <summary>
    /// An error outcome entry counting the matches that are not served because their stored data failed its integrity
    /// check, so the reader sees that readings are missing and why instead of a silently shorter list. Which ones is
    /// logged for the operator, not told to the requester (who may hold no consent for them).
    /// </summary>
    private static void AddUnreadable(List<BundleEntry> entries, ObservationPage page, HttpContext context)
    {
        if (page.Unreadable is { Count: > 0 } unreadable)
        {
            StoredDataIntegrityFilter.Log(context, string.Join(" ", unreadable));
            entries.Add(new BundleEntry
            {
                Resource = OperationOutcome.Single("error", "exception",
                    $"{unreadable.Count} matching Observation(s) not served: their stored data failed the integrity check (the server log names them)."),
                Search = new BundleEntrySearch { Mode = "outcome" },
            });
        }
    }

    internal static async Task<FhirResult> LastN(HttpContext context, IIngestStore store, FhirApiOptions options, TimeProvider time, CancellationToken ct)
    {
        var query = context.Request.Query;
        var patientValue = query["patient"].FirstOrDefault() ?? query["subject"].FirstOrDefault();
        if (string.IsNullOrEmpty(patientValue))
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, "required", "$lastn needs a patient (or subject) parameter.", "patient");
        }

        var patient = patientValue.StartsWith("Patient/", StringComparison.Ordinal) ? patientValue["Patient/".Length..] : patientValue;
        var max = 1;
        if (query["max"].FirstOrDefault() is { } maxText
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1 || max > options.MaxPageSize))
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, "invalid", $"Parameter max: '{maxText}' is not an integer in 1..{options.MaxPageSize}.", "max");
        }

        foreach (var name in query.Keys)
        {
            if (name is not ("patient" or "subject" or "code" or "category" or "max" or "_format") && IsStrict(context, options))
            {
                return FhirResult.Outcome(StatusCodes.Status400BadRequest, "not-supported", $"Parameter '{name}' is not supported by $lastn.", name);
            }
        }

        var codes = query["code"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (codes.Count == 0)
        {
            codes = [.. SensorCodes.All.Select(c => $"{c.Codings[0].System}|{c.PrimaryCode}")];
        }

        var categories = query["category"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var baseUrl = BaseUrl(context);
        var entries = new List<BundleEntry>();
        var access = FhirRequestAccess.For(context, PatientDataAction.Read, "Observation $lastn");
        var found = 0;
        foreach (var code in codes)
        {
            var page = await store.SearchObservationsAsync(new ObservationQuery(patient, [code], categories, DescendingByDate: true, Count: max), ct);
            AddUnreadable(entries, page, context);
            foreach (var record in page.Items)
            {
                found++;
                var resource = FhirRecords.ToResource(record);
                if (await access.AllowsAsync(resource, ct))
                {
                    entries.Add(Entry(baseUrl, resource, "match"));
                }
            }
        }

        if (found > 0 && access.Withheld == found)
        {
            return FhirRequestAccess.Forbidden($"Patient/{patient}'s Observations");
        }

        return new FhirResult(new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = "searchset",
            Timestamp = time.GetUtcNow(),
            Total = entries.Count(e => e.Search?.Mode == "match"),
            Link = [new BundleLink("self", baseUrl + "/Observation/$lastn" + context.Request.QueryString.Value)],
            Entry = entries,
        });
    }

    /// <summary>
    /// The raw signed batch <c>&lt;device&gt;-&lt;sequence&gt;</c> that a Provenance points to: as a FHIR Binary when the client
    /// accepts <c>application/fhir+json</c>, else the exact wire bytes (verify them with the device's enrolled key).
    /// </summary>
    internal static async Task<IResult> ReadBatchBinary(string id, HttpContext context, IIngestStore store, CancellationToken ct)
    {
        var dash = id.LastIndexOf('-');
        if (dash <= 0 || !Protocol.DeviceId.TryParse(id[..dash], out var device)
            || !ulong.TryParse(id[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, "not-found", $"Binary/{id} is not known (ids are <device>-<sequence>).");
        }

        var batch = await store.GetBatchAsync(device, sequence, ct);
        if (batch is null)
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, "not-found", $"Binary/{id} is not known.");
        }

        var bytes = BatchCompression.Decompress(batch.CompressedBytes);
        if (await store.FindDeviceAsync(device, ct) is { } enrollment)
        {
            var access = FhirRequestAccess.For(context, PatientDataAction.Read, "read Binary (signed batch)");
            var categories = Protocol.BatchCodec.Decode(bytes).Batch.Channels
                .Select(c => SensorDataCategories.For(SensorCodes.For(c.Kind))).Distinct();
            foreach (var category in categories)
            {
                if (!await access.AllowsAsync(enrollment.PatientId, category, ct))
                {
                    return FhirRequestAccess.Forbidden($"Binary/{id}");
                }
            }
        }

        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("fhir+json", StringComparison.OrdinalIgnoreCase) || accept.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new FhirResult(new Binary { Id = id, ContentType = FhirSystems.BatchMediaType, Data = Convert.ToBase64String(bytes) })
                .WithHeader("ETag", "W/\"1\"");
        }

        return TypedResults.Bytes(bytes, FhirSystems.BatchMediaType);
    }

    private static FhirResult UnknownRoute(HttpContext context, FhirApiOptions options)
    {
        var rest = (context.Request.Path.StartsWithSegments(options.BasePath, out var remaining) ? remaining.Value : context.Request.Path.Value)?.Trim('/') ?? string.Empty;
        var type = rest.Split('/')[0];
        var knownType = ReadableTypes.Contains(type) || type is "Binary";
        return FhirResult.Outcome(
            knownType && !HttpMethods.IsGet(context.Request.Method) ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound,
            "not-supported",
            $"{context.Request.Method} {context.Request.Path} is not supported by this server (see /metadata).");
    }

    private static async Task<FhirResult> VersionedIfAllowedAsync(FhirResourceRecord record, HttpContext context, string interaction, CancellationToken ct)
    {
        var resource = FhirRecords.ToResource(record);
        var access = FhirRequestAccess.For(context, PatientDataAction.Read, $"{interaction} {record.ResourceType}");
        return await access.AllowsAsync(resource, ct)
            ? Versioned(record, resource, context)
            : FhirRequestAccess.Forbidden($"{record.ResourceType}/{record.Id}");
    }

    internal static FhirResult Versioned(FhirResourceRecord record, Resource resource, HttpContext context, int statusCode = StatusCodes.Status200OK)
    {
        var version = record.VersionId.ToString(CultureInfo.InvariantCulture);
        return new FhirResult(resource, statusCode)
            .WithHeader("ETag", $"W/\"{version}\"")
            .WithHeader("Last-Modified", record.LastUpdated.UtcDateTime.ToString("R", CultureInfo.InvariantCulture))
            .WithHeader("Content-Location", $"{BaseUrl(context)}/{record.ResourceType}/{record.Id}/_history/{version}");
    }

    private static BundleEntry Entry(string baseUrl, Resource resource, string mode) => new()
    {
        FullUrl = $"{baseUrl}/{resource.ResourceType}/{resource.Id}",
        Resource = resource,
        Search = new BundleEntrySearch { Mode = mode },
    };

    private static string PageUrl(string baseUrl, ObservationSearch search, int offset, int count)
    {
        var url = new StringBuilder(baseUrl).Append("/Observation?");
        foreach (var (name, value) in search.Echo)
        {
            url.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        url.Append(CultureInfo.InvariantCulture, $"_count={count}&_offset={offset}");
        return url.ToString();
    }

    internal static bool IsStrict(HttpContext context, FhirApiOptions options)
    {
        foreach (var prefer in context.Request.Headers["Prefer"])
        {
            if (prefer is null)
            {
                continue;
            }

            if (prefer.Contains("handling=strict", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (prefer.Contains("handling=lenient", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return options.StrictByDefault;
    }

    internal static string BaseUrl(HttpContext context)
    {
        var options = context.RequestServices.GetService<FhirApiOptions>() ?? new FhirApiOptions();
        return $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{options.BasePath}";
    }
}
