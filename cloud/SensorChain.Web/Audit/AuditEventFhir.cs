using System.Globalization;
using System.Text.Json.Nodes;

namespace SensorChain.Web.Audit;

/// <summary>Writes an <see cref="AuditEntry"/> as a FHIR R4 AuditEvent.</summary>
public static class AuditEventFhir
{
    /// <summary>The AuditEvent JSON for record <paramref name="sequence"/>.</summary>
    public static string ToJson(long sequence, DateTimeOffset recorded, AuditEntry entry)
    {
        var (code, interaction) = entry.Action switch
        {
            AuditAction.Create => ("C", "create"),
            AuditAction.Read => ("R", "read"),
            AuditAction.Update => ("U", "update"),
            AuditAction.Delete => ("D", "delete"),
            _ => ("E", "operation"),
        };
        var audit = new JsonObject
        {
            ["resourceType"] = "AuditEvent",
            ["id"] = "audit-" + sequence.ToString(CultureInfo.InvariantCulture),
            ["type"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/audit-event-type", ["code"] = "rest", ["display"] = "RESTful Operation" },
            ["subtype"] = new JsonArray(new JsonObject { ["system"] = "http://hl7.org/fhir/restful-interaction", ["code"] = interaction }),
            ["action"] = code,
            ["recorded"] = recorded.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["outcome"] = entry.Allowed ? "0" : "4",
            ["purposeOfEvent"] = new JsonArray(new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ActReason", ["code"] = entry.Purpose }),
            }),
            ["agent"] = new JsonArray(new JsonObject
            {
                ["type"] = new JsonObject { ["text"] = entry.ActorRole },
                ["who"] = new JsonObject { ["identifier"] = new JsonObject { ["value"] = entry.ActorId }, ["display"] = entry.ActorName },
                ["requestor"] = true,
            }),
            ["source"] = new JsonObject { ["observer"] = new JsonObject { ["display"] = "SensorChain web" } },
        };
        var entity = new JsonObject { ["description"] = entry.What };
        if (entry.PatientId is not null)
        {
            entity["what"] = new JsonObject { ["reference"] = "Patient/" + entry.PatientId };
        }

        audit["entity"] = new JsonArray(entity);
        return audit.ToJsonString();
    }
}
