using SensorChain.Clinical.Detection;

namespace SensorChain.Clinical.Alarms;

/// <summary>A snapshot of one alarm.</summary>
public sealed record Alarm(
    Guid Id,
    string PatientId,
    string Condition,
    AlertSeverity Severity,
    AlarmState State,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastEvidenceAt,
    string Detail,
    int RosterIndex,
    string? AssignedTo,
    string? AcknowledgedBy,
    DateTimeOffset LastNotifiedAt);
