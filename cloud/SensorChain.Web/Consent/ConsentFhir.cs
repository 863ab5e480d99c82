using System.Globalization;
using System.Text.Json.Nodes;

namespace SensorChain.Web.Consent;

/// <summary>Writes a <see cref="ConsentGrant"/> as a FHIR R4 Consent resource.</summary>
public static class ConsentFhir
{
    /// <summary>Code system of SensorChain's data categories (provision.class).</summary>
    public const string CategorySystem = "https://sensorchain.example/fhir/CodeSystem/data-category";

    /// <summary>Extension naming a private profile field the grantee may see.</summary>
    public const string RevealedFieldExtension = "https://sensorchain.example/fhir/StructureDefinition/revealed-field";

    /// <summary>The FHIR JSON of <paramref name="grant"/>; <paramref name="granteeReferenceType"/> is e.g. Practitioner or RelatedPerson.</summary>
    public static JsonObject ToFhir(ConsentGrant grant, string granteeReferenceType)
    {
        var research = grant.Grantee == GranteeType.Research;
        var provision = new JsonObject
        {
            ["type"] = "permit",
            ["action"] = new JsonArray(Coding("http://terminology.hl7.org/CodeSystem/consentaction", "access")),
            ["class"] = new JsonArray(grant.Categories.Select(c => (JsonNode)new JsonObject
            {
                ["system"] = CategorySystem,
                ["code"] = c.ToString().ToLowerInvariant(),
            }).ToArray()),
        };
        if (grant.Start is not null || grant.End is not null)
        {
            var period = new JsonObject();
            if (grant.Start is { } start)
            {
                period["start"] = Instant(start);
            }

            if (grant.End is { } end)
            {
                period["end"] = Instant(end);
            }

            provision["period"] = period;
        }

        if (!research)
        {
            provision["actor"] = new JsonArray(new JsonObject
            {
                ["role"] = Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"),
                ["reference"] = new JsonObject { ["reference"] = $"{granteeReferenceType}/{grant.GranteeId}", ["display"] = grant.GranteeDisplay },
            });
        }

        var consent = new JsonObject
        {
            ["resourceType"] = "Consent",
            ["id"] = grant.Id,
            ["meta"] = new JsonObject { ["versionId"] = grant.Version.ToString(CultureInfo.InvariantCulture), ["lastUpdated"] = Instant(grant.UpdatedAt) },
            ["status"] = grant.Active ? "active" : "inactive",
            ["scope"] = Coding("http://terminology.hl7.org/CodeSystem/consentscope", research ? "research" : "patient-privacy"),
            ["category"] = new JsonArray(Coding("http://loinc.org", "59284-0")),
            ["patient"] = new JsonObject { ["reference"] = "Patient/" + grant.PatientId },
            ["dateTime"] = Instant(grant.UpdatedAt),
            ["policyRule"] = Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN"),
            ["provision"] = provision,
        };
        if (grant.RevealedFields.Count > 0)
        {
            consent["extension"] = new JsonArray(grant.RevealedFields.Select(f => (JsonNode)new JsonObject
            {
                ["url"] = RevealedFieldExtension,
                ["valueString"] = f,
            }).ToArray());
        }

        return consent;
    }

    private static JsonObject Coding(string system, string code) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
