using SensorChain.Clinical.Detection;

namespace SensorChain.Clinical.Alarms;

/// <summary>One recorded state change of an alarm (the audit trail and the notification payload).</summary>
/// <param name="Sequence">Monotonic change number across all alarms.</param>
/// <param name="AlarmId">The alarm.</param>
/// <param name="PatientId">Patient pseudonym.</param>
/// <param name="Condition">Condition id.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Severity">Severity after the change.</param>
/// <param name="State">State after the change.</param>
/// <param name="At">When (from the alarm system's TimeProvider).</param>
/// <param name="EvidenceAt">Sample time of the evidence that caused it (for latency measurement).</param>
/// <param name="Recipient">Clinician the alarm is assigned to after the change.</param>
/// <param name="Actor">Who made the change ("system" for automatic changes).</param>
/// <param name="Detail">Evidence text.</param>
public sealed record AlarmChange(
    long Sequence,
    Guid AlarmId,
    string PatientId,
    string Condition,
    AlarmChangeKind Kind,
    AlertSeverity Severity,
    AlarmState State,
    DateTimeOffset At,
    DateTimeOffset EvidenceAt,
    string? Recipient,
    string Actor,
    string Detail);
