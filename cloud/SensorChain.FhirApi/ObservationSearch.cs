using Microsoft.AspNetCore.Http;
using SensorChain.Ingest.Storage;

namespace SensorChain.FhirApi;

/// <summary>A parsed Observation search request.</summary>
/// <param name="Query">The store query.</param>
/// <param name="IncludeDevice">_include=Observation:device.</param>
/// <param name="Echo">The parameters understood, for the self link (name, value).</param>
/// <param name="Ignored">Parameters ignored in lenient mode.</param>
internal sealed record ObservationSearch(ObservationQuery Query, bool IncludeDevice, IReadOnlyList<KeyValuePair<string, string>> Echo, IReadOnlyList<string> Ignored)
{
    private static readonly HashSet<string> Ignorable = new(StringComparer.Ordinal) { "_format", "_pretty", "_summary", "_elements" };

    /// <summary>Parses the query string; returns null and an OperationOutcome result on a bad parameter.</summary>
    public static ObservationSearch? Parse(IQueryCollection parameters, bool strict, FhirApiOptions options, out FhirResult? error)
    {
        error = null;
        string? patient = null;
        var codes = new List<string>();
        var categories = new List<string>();
        DateTimeOffset? from = null, to = null, updatedFrom = null, updatedTo = null;
        bool fromInclusive = true, toInclusive = true, descending = false, includeDevice = false;
        var count = options.DefaultPageSize;
        var offset = 0;
        var echo = new List<KeyValuePair<string, string>>();
        var ignored = new List<string>();

        foreach (var (name, values) in parameters)
        {
            foreach (var raw in values)
            {
                var value = raw ?? string.Empty;
                string? problem = null;
                switch (name)
                {
                    case "patient" or "subject" or "patient:Patient" or "subject:Patient":
                        var id = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
                        if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal))
                        {
                            problem = $"'{value}' is not a Patient id or reference";
                        }
                        else if (patient is not null && patient != id)
                        {
                            problem = "only one patient may be given";
                        }
                        else
                        {
                            patient = id;
                        }

                        break;
                    case "code":
                        problem = Tokens(value, codes);
                        break;
                    case "category":
                        problem = Tokens(value, categories);
                        break;
                    case "date":
                        if (FhirDateRange.TryParse(value, out var d, out problem))
                        {
                            ApplyDate(d!, ref from, ref fromInclusive, ref to, ref toInclusive);
                        }

                        break;
                    case "_lastUpdated":
                        if (FhirDateRange.TryParse(value, out var u, out problem))
                        {
                            ApplyLastUpdated(u!, ref updatedFrom, ref updatedTo);
                        }

                        break;
                    case "_count":
                        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count))
                        {
                            problem = $"'{value}' is not a non-negative integer";
                        }

                        count = Math.Min(count, options.MaxPageSize);
                        break;
                    case "_offset":
                        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset))
                        {
                            problem = $"'{value}' is not a non-negative integer";
                        }

                        break;
                    case "_sort":
                        if (value is "date" or "-date")
                        {
                            descending = value == "-date";
                        }
                        else
                        {
                            problem = $"sorting by '{value}' is not supported (use date or -date)";
                        }

                        break;
                    case "_include":
                        if (value is "Observation:device")
                        {
                            includeDevice = true;
                        }
                        else
                        {
                            problem = $"_include={value} is not supported (only Observation:device)";
                        }

                        break;
                    default:
                        if (Ignorable.Contains(name))
                        {
                            continue;
                        }

                        if (strict)
                        {
                            error = FhirResult.Outcome(StatusCodes.Status400BadRequest, "not-supported",
                                $"Search parameter '{name}' is not supported for Observation (Prefer: handling=strict).", name);
                            return null;
                        }

                        ignored.Add(name);
                        continue;
                }

                if (problem is not null)
                {
                    error = FhirResult.Outcome(StatusCodes.Status400BadRequest, "invalid", $"Parameter {name}: {problem}.", name);
                    return null;
                }

                if (name is not "_offset" and not "_count")
                {
                    echo.Add(new(name, value));
                }
            }
        }

        var query = new ObservationQuery(patient, codes, categories, from, fromInclusive, to, toInclusive, updatedFrom, updatedTo, descending, count, offset);
        return new ObservationSearch(query, includeDevice, echo, ignored);
    }

    private static string? Tokens(string value, List<string> into)
    {
        foreach (var token in value.Split(','))
        {
            var bar = token.IndexOf('|', StringComparison.Ordinal);
            if (token.Length == 0 || bar == token.Length - 1)
            {
                return $"'{value}' is not a token (system|code or code)";
            }

            into.Add(bar == 0 ? token[1..] : token);
        }

        return null;
    }

    private static void ApplyDate(FhirDateRange d, ref DateTimeOffset? from, ref bool fromInclusive, ref DateTimeOffset? to, ref bool toInclusive)
    {
        var lastInstant = d.End.AddMilliseconds(-1);
        switch (d.Prefix)
        {
            case "ge":
                Lower(d.Start, true, ref from, ref fromInclusive);
                break;
            case "gt":
                Lower(lastInstant, false, ref from, ref fromInclusive);
                break;
            case "le":
                Upper(lastInstant, true, ref to, ref toInclusive);
                break;
            case "lt":
                Upper(d.Start, false, ref to, ref toInclusive);
                break;
            default:
                Lower(d.Start, true, ref from, ref fromInclusive);
                Upper(lastInstant, true, ref to, ref toInclusive);
                break;
        }
    }

    private static void Lower(DateTimeOffset value, bool inclusive, ref DateTimeOffset? from, ref bool fromInclusive)
    {
        if (from is null || value > from || (value == from && !inclusive))
        {
            from = value;
            fromInclusive = inclusive;
        }
    }

    private static void Upper(DateTimeOffset value, bool inclusive, ref DateTimeOffset? to, ref bool toInclusive)
    {
        if (to is null || value < to || (value == to && !inclusive))
        {
            to = value;
            toInclusive = inclusive;
        }
    }

    private static void ApplyLastUpdated(FhirDateRange u, ref DateTimeOffset? from, ref DateTimeOffset? to)
    {
        var lastInstant = u.End.AddMilliseconds(-1);
        (DateTimeOffset? lower, DateTimeOffset? upper) = u.Prefix switch
        {
            "ge" => ((DateTimeOffset?)u.Start, (DateTimeOffset?)null),
            "gt" => (u.End, null),
            "le" => (null, lastInstant),
            "lt" => (null, u.Start.AddMilliseconds(-1)),
            _ => (u.Start, lastInstant),
        };
        if (lower is { } l && (from is null || l > from))
        {
            from = l;
        }

        if (upper is { } h && (to is null || h < to))
        {
            to = h;
        }
    }
}
