namespace SensorChain.Clinical.Detection;

/// <summary>A detector's statement that a condition is present (or has resolved) for a patient.</summary>
/// <param name="PatientId">FHIR Patient.id (a pseudonym, never PHI).</param>
/// <param name="Condition">Condition id (<see cref="SensorChain.Protocol.ClinicalCondition"/>).</param>
/// <param name="Present">True when raised, false when resolved.</param>
/// <param name="Severity">Priority tier.</param>
/// <param name="At">Time of the evidence (sample time).</param>
/// <param name="Detail">Short human-readable evidence, e.g. "SpO2 86 % for 15 s".</param>
public sealed record ConditionEvent(string PatientId, string Condition, bool Present, AlertSeverity Severity, DateTimeOffset At, string Detail);
