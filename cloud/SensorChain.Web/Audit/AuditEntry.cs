namespace SensorChain.Web.Audit;

/// <summary>What to record: who did what to whose data, why, and whether it was allowed.</summary>
/// <param name="ActorId">User id.</param>
/// <param name="ActorName">Display name.</param>
/// <param name="ActorRole">Role name.</param>
/// <param name="Action">Action.</param>
/// <param name="PatientId">Patient whose data it was, or null.</param>
/// <param name="What">What was accessed, e.g. "Observation (live waveforms)".</param>
/// <param name="Purpose">HL7 v3 PurposeOfUse code: TREAT, CAREMGT, PATRQT, HRESCH, HOPERAT.</param>
/// <param name="Allowed">False when the access was denied.</param>
public sealed record AuditEntry(string ActorId, string ActorName, string ActorRole, AuditAction Action, string? PatientId, string What, string Purpose, bool Allowed);
