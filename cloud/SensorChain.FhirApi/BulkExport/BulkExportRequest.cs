namespace SensorChain.FhirApi.BulkExport;

/// <summary>A validated export kick-off.</summary>
/// <param name="RequestUrl">The kick-off URL, echoed in the manifest.</param>
/// <param name="Types">Resource types to export, in output order.</param>
/// <param name="Since">Only resources changed at or after this time (<c>_since</c>), or null.</param>
/// <param name="PrincipalId">Who asked: only they may poll and download.</param>
public sealed record BulkExportRequest(string RequestUrl, IReadOnlyList<string> Types, DateTimeOffset? Since, string PrincipalId);
