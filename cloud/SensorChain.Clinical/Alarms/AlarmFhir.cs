using System.Text.Json.Nodes;
using SensorChain.Clinical.Detection;

namespace SensorChain.Clinical.Alarms;

/// <summary>
/// Expresses alarms as FHIR R4 resources (JSON): a <c>Flag</c> for the open alarm, a <c>DetectedIssue</c> for the
/// finding, and a <c>Communication</c> per notification. Plain JSON until the typed model in SensorChain.Fhir is
/// wired in; the shapes follow the R4 specification.
/// </summary>
public static class AlarmFhir
{
    private const string ConditionSystem = "urn:sensorchain:condition";

    /// <summary>The alarm as a Flag (active while open, inactive when cleared).</summary>
    public static JsonObject ToFlag(Alarm alarm) => new()
    {
        ["resourceType"] = "Flag",
        ["id"] = alarm.Id.ToString("N"),
        ["status"] = alarm.State == AlarmState.Cleared ? "inactive" : "active",
        ["category"] = new JsonArray(new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/flag-category", ["code"] = "clinical" }),
        }),
        ["code"] = Code(alarm.Condition, alarm.Detail),
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + alarm.PatientId },
        ["period"] = new JsonObject { ["start"] = alarm.RaisedAt.ToString("O") },
    };

    /// <summary>The finding as a DetectedIssue.</summary>
    public static JsonObject ToDetectedIssue(Alarm alarm) => new()
    {
        ["resourceType"] = "DetectedIssue",
        ["id"] = alarm.Id.ToString("N"),
        ["status"] = alarm.State == AlarmState.Cleared ? "cancelled" : "final",
        ["code"] = Code(alarm.Condition, alarm.Detail),
        ["severity"] = alarm.Severity switch { AlertSeverity.High => "high", AlertSeverity.Medium => "moderate", _ => "low" },
        ["patient"] = new JsonObject { ["reference"] = "Patient/" + alarm.PatientId },
        ["identifiedDateTime"] = alarm.LastEvidenceAt.ToString("O"),
        ["detail"] = alarm.Detail,
    };

    /// <summary>A notification of a change as a Communication.</summary>
    public static JsonObject ToCommunication(AlarmChange change) => new()
    {
        ["resourceType"] = "Communication",
        ["id"] = change.AlarmId.ToString("N") + "-" + change.Sequence,
        ["status"] = "completed",
        ["priority"] = change.Severity >= AlertSeverity.High ? "stat" : change.Severity == AlertSeverity.Medium ? "urgent" : "routine",
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + change.PatientId },
        ["about"] = new JsonArray(new JsonObject { ["reference"] = "Flag/" + change.AlarmId.ToString("N") }),
        ["sent"] = change.At.ToString("O"),
        ["recipient"] = change.Recipient is null ? new JsonArray() : new JsonArray(new JsonObject { ["display"] = change.Recipient }),
        ["payload"] = new JsonArray(new JsonObject { ["contentString"] = $"{change.Kind}: {change.Condition} ({change.Severity}) {change.Detail}" }),
    };

    private static JsonObject Code(string condition, string detail) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = ConditionSystem, ["code"] = condition }),
        ["text"] = condition + ": " + detail,
    };
}
