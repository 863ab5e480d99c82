using System.Text.Json;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;

namespace SensorChain.Web.Live;

/// <summary>
/// The trend from the ingest store's vital-sign Observations of the last <see cref="LiveHub.TrendCapacity"/> seconds,
/// so the chart survives a restart; points the live hub holds in memory (newer than the last stored page) fill in.
/// </summary>
public sealed class StoreTrendSource(IIngestStore store, LiveHub hub, TimeProvider time) : ITrendSource
{
    private static readonly IReadOnlyList<string> Codes =
    [
        Code(SensorCodes.HeartRate), Code(SensorCodes.SpO2), Code(SensorCodes.BodyTemperature), Code(SensorCodes.RespirationRate),
        Code(SensorCodes.BloodPressure), Code(SensorCodes.Glucose),
    ];

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<VitalsSnapshot>> GetAsync(string patientId, CancellationToken cancellationToken)
    {
        var memory = hub.Trend(patientId);
        if (memory.Count >= LiveHub.TrendCapacity)
        {
            return memory;
        }

        var since = time.GetUtcNow().AddSeconds(-LiveHub.TrendCapacity);
        var page = await store.SearchObservationsAsync(
            new ObservationQuery(PatientId: patientId, Codes: Codes, EffectiveFrom: since, DescendingByDate: true, Count: LiveHub.TrendCapacity * Codes.Count),
            cancellationToken);
        var points = new SortedDictionary<long, VitalsSnapshot>();
        foreach (var record in page.Items)
        {
            Merge(points, record.Json);
        }

        foreach (var point in memory)
        {
            points[point.AtUnixMs] = point;
        }

        return points.Values.TakeLast(LiveHub.TrendCapacity).ToList();
    }

    /// <summary>Adds one stored Observation's value to the point of its window; ignores what it cannot read.</summary>
    public static void Merge(IDictionary<long, VitalsSnapshot> points, string observationJson)
    {
        ArgumentNullException.ThrowIfNull(points);
        try
        {
            using var doc = JsonDocument.Parse(observationJson);
            var root = doc.RootElement;
            if (!TryStart(root, out var at))
            {
                return;
            }

            var point = points.TryGetValue(at, out var existing) ? existing : new VitalsSnapshot(at, null, null, null, null, null, null, null);
            var codes = CodesOf(root);
            var value = Quantity(root);
            if (codes.Contains(SensorCodes.HeartRate.PrimaryCode))
            {
                point = point with { HeartRate = value };
            }
            else if (SensorCodes.SpO2.Codings.Any(c => c.Code is { } code && codes.Contains(code)))
            {
                point = point with { SpO2 = value };
            }
            else if (codes.Contains(SensorCodes.BodyTemperature.PrimaryCode))
            {
                point = point with { Temperature = value };
            }
            else if (codes.Contains(SensorCodes.RespirationRate.PrimaryCode))
            {
                point = point with { RespirationRate = value };
            }
            else if (codes.Contains(SensorCodes.Glucose.PrimaryCode))
            {
                point = point with { Glucose = value };
            }
            else if (codes.Contains(SensorCodes.BloodPressure.PrimaryCode) && root.TryGetProperty("component", out var components) && components.ValueKind == JsonValueKind.Array)
            {
                foreach (var component in components.EnumerateArray())
                {
                    var componentCodes = CodesOf(component);
                    if (componentCodes.Contains(SensorCodes.Systolic.Code!))
                    {
                        point = point with { Systolic = Quantity(component) };
                    }
                    else if (componentCodes.Contains(SensorCodes.Diastolic.Code!))
                    {
                        point = point with { Diastolic = Quantity(component) };
                    }
                }
            }
            else
            {
                return;
            }

            points[at] = point;
        }
        catch (JsonException)
        {
            // Not readable: the chart skips it.
        }
    }

    private static string Code(SensorCode code) => code.Codings[0].System + "|" + code.PrimaryCode;

    private static bool TryStart(JsonElement root, out long atUnixMs)
    {
        atUnixMs = 0;
        var text = root.TryGetProperty("effectivePeriod", out var period) && period.ValueKind == JsonValueKind.Object && period.TryGetProperty("start", out var start)
            ? start.GetString()
            : root.TryGetProperty("effectiveDateTime", out var when) ? when.GetString() : null;
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        atUnixMs = parsed.ToUnixTimeMilliseconds();
        return true;
    }

    private static HashSet<string> CodesOf(JsonElement element)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (element.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Object
            && code.TryGetProperty("coding", out var coding) && coding.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in coding.EnumerateArray())
            {
                if (c.ValueKind == JsonValueKind.Object && c.TryGetProperty("code", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    codes.Add(value.GetString()!);
                }
            }
        }

        return codes;
    }

    private static double? Quantity(JsonElement element) =>
        element.TryGetProperty("valueQuantity", out var quantity) && quantity.ValueKind == JsonValueKind.Object
            && quantity.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
