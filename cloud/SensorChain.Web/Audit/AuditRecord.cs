namespace SensorChain.Web.Audit;

/// <summary>A stored audit record: the entry, its place in the chain, and its FHIR AuditEvent JSON.</summary>
/// <param name="Sequence">1, 2, … in append order.</param>
/// <param name="Recorded">When it happened.</param>
/// <param name="Entry">What happened.</param>
/// <param name="Json">The FHIR AuditEvent (without chain fields).</param>
/// <param name="PreviousHash">Hash of record <see cref="Sequence"/> − 1 (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 over previous hash, newline and the stored record (see <see cref="AuditLog.ChainHash"/>).</param>
public sealed record AuditRecord(long Sequence, DateTimeOffset Recorded, AuditEntry Entry, string Json, string PreviousHash, string Hash);
