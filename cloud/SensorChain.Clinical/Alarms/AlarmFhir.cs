using SensorChain.Clinical.Detection;
using SensorChain.Fhir;

namespace SensorChain.Clinical.Alarms;

/// <summary>
/// Expresses alarms as FHIR R4 resources on the typed model: a <see cref="Flag"/> for the open alarm, a
/// <see cref="DetectedIssue"/> for the finding, and a <see cref="Communication"/> per notification.
/// </summary>
public static class AlarmFhir
{
    /// <summary>Code system of SensorChain's condition ids (<see cref="SensorChain.Protocol.ClinicalCondition"/>).</summary>
    public const string ConditionSystem = "urn:sensorchain:condition";

    /// <summary>Identifier system of roster names (the clinician's SensorChain user name).</summary>
    public const string RosterSystem = "urn:sensorchain:roster";

    private const string FlagCategorySystem = "http://terminology.hl7.org/CodeSystem/flag-category";

    /// <summary>The alarm as a Flag (active while open, inactive when cleared).</summary>
    public static Flag ToFlag(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new Flag
        {
            Id = alarm.Id.ToString("N"),
            Status = alarm.State == AlarmState.Cleared ? "inactive" : "active",
            Category = [CodeableConcept.Of(FlagCategorySystem, "clinical", "Clinical")],
            Code = Code(alarm.Condition, alarm.Detail),
            Subject = ResourceReference.To("Patient", alarm.PatientId),
            Period = new Period { Start = alarm.RaisedAt },
        };
    }

    /// <summary>The finding as a DetectedIssue (final while open, mitigated when cleared).</summary>
    public static DetectedIssue ToDetectedIssue(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new DetectedIssue
        {
            Id = alarm.Id.ToString("N"),
            Status = alarm.State == AlarmState.Cleared ? "mitigated" : "final",
            Code = Code(alarm.Condition, alarm.Detail),
            Severity = alarm.Severity switch { AlertSeverity.High => "high", AlertSeverity.Medium => "moderate", _ => "low" },
            Patient = ResourceReference.To("Patient", alarm.PatientId),
            IdentifiedDateTime = alarm.LastEvidenceAt,
            Detail = alarm.Detail,
        };
    }

    /// <summary>A notification of a change as a Communication about the alarm's Flag.</summary>
    public static Communication ToCommunication(AlarmChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new Communication
        {
            Id = change.AlarmId.ToString("N") + "-" + change.Sequence,
            Status = "completed",
            Priority = change.Severity >= AlertSeverity.High ? "stat" : change.Severity == AlertSeverity.Medium ? "urgent" : "routine",
            Subject = ResourceReference.To("Patient", change.PatientId),
            About = [ResourceReference.To("Flag", change.AlarmId.ToString("N"))],
            Sent = change.At,
            Recipient = change.Recipient is null ? null : [Recipient(change.Recipient)],
            Payload = [new CommunicationPayload { ContentString = $"{change.Kind}: {change.Condition} ({change.Severity}) {change.Detail}" }],
        };
    }

    // A roster name that is a valid FHIR id becomes a Practitioner reference; any other is kept as an identifier.
    private static ResourceReference Recipient(string roster) =>
        roster.Length <= 64 && roster.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
            ? new ResourceReference("Practitioner/" + roster, roster) { Identifier = new Identifier(RosterSystem, roster) }
            : new ResourceReference { Type = "Practitioner", Identifier = new Identifier(RosterSystem, roster), Display = roster };

    private static CodeableConcept Code(string condition, string detail) =>
        CodeableConcept.Of(ConditionSystem, condition, text: condition + ": " + detail);
}
