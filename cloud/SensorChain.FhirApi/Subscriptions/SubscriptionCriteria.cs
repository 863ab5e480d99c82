using Microsoft.AspNetCore.WebUtilities;
using SensorChain.Fhir;

namespace SensorChain.FhirApi.Subscriptions;

/// <summary>
/// A parsed Subscription.criteria: <c>Observation?patient=…&amp;code=…&amp;category=…</c> for new Observations, or
/// <c>DetectedIssue?patient=…</c> / <c>Flag?patient=…</c> for alerts. Within a parameter, comma means OR; parameters AND.
/// </summary>
/// <param name="ResourceType">Observation, DetectedIssue or Flag.</param>
/// <param name="PatientId">Patient id, or null for any.</param>
/// <param name="Codes">Observation code tokens (system|code or code), any when empty.</param>
/// <param name="Categories">Observation category tokens, any when empty.</param>
public sealed record SubscriptionCriteria(string ResourceType, string? PatientId, IReadOnlyList<string> Codes, IReadOnlyList<string> Categories)
{
    /// <summary>Resource types a Subscription may watch.</summary>
    public static readonly IReadOnlyList<string> Types = ["Observation", "DetectedIssue", "Flag"];

    /// <summary>Parses criteria; null and a message naming what was wrong when not supported.</summary>
    public static SubscriptionCriteria? TryParse(string? criteria, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(criteria))
        {
            error = "criteria is required (e.g. Observation?patient=123&code=http://loinc.org|8867-4).";
            return null;
        }

        var question = criteria.IndexOf('?', StringComparison.Ordinal);
        var type = question < 0 ? criteria : criteria[..question];
        if (!Types.Contains(type))
        {
            error = $"criteria resource type '{type}' is not supported (use {string.Join(", ", Types)}).";
            return null;
        }

        string? patient = null;
        List<string> codes = [], categories = [];
        foreach (var (name, values) in QueryHelpers.ParseQuery(question < 0 ? string.Empty : criteria[question..]))
        {
            var tokens = values.SelectMany(v => (v ?? string.Empty).Split(',')).ToList();
            if (tokens.Any(t => t.Length == 0 || t.EndsWith('|')))
            {
                error = $"criteria parameter {name} has an empty value.";
                return null;
            }

            switch (name)
            {
                case "patient" or "subject" when tokens.Count == 1:
                    patient = tokens[0].StartsWith("Patient/", StringComparison.Ordinal) ? tokens[0]["Patient/".Length..] : tokens[0];
                    break;
                case "code" when type == "Observation":
                    codes.AddRange(tokens.Select(t => t.StartsWith('|') ? t[1..] : t));
                    break;
                case "category" when type == "Observation":
                    categories.AddRange(tokens.Select(t => t.StartsWith('|') ? t[1..] : t));
                    break;
                default:
                    error = $"criteria parameter '{name}' is not supported for {type} (use patient{(type == "Observation" ? ", code, category" : string.Empty)}).";
                    return null;
            }
        }

        return new SubscriptionCriteria(type, patient, codes, categories);
    }

    /// <summary>True when <paramref name="resource"/> matches.</summary>
    public bool Matches(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.ResourceType != ResourceType)
        {
            return false;
        }

        if (PatientId is not null && Access.FhirRequestAccess.PatientOf(resource) != PatientId)
        {
            return false;
        }

        return resource is not Observation o
            || (Any(Codes, [o.Code]) && Any(Categories, o.Category ?? []));
    }

    private static bool Any(IReadOnlyList<string> tokens, IEnumerable<CodeableConcept> concepts)
    {
        if (tokens.Count == 0)
        {
            return true;
        }

        var codings = concepts.SelectMany(c => c.Coding ?? []).ToList();
        return tokens.Any(token =>
        {
            var bar = token.IndexOf('|', StringComparison.Ordinal);
            return bar < 0
                ? codings.Any(c => c.Code == token)
                : codings.Any(c => c.System == token[..bar] && c.Code == token[(bar + 1)..]);
        });
    }
}
