namespace SensorChain.Web.Clinical;

/// <summary>An alert as the inbox shows it.</summary>
/// <param name="Id">Alert id.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Severity">info, warning, critical.</param>
/// <param name="Title">Short text, e.g. "SpO2 below 90 %".</param>
/// <param name="Detail">Values that triggered it.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="HandledBy">Who acknowledged or escalated it (display name), or null.</param>
/// <param name="HandledAt">When, or null.</param>
public sealed record WebAlert(string Id, string PatientId, string Severity, string Title, string Detail, DateTimeOffset RaisedAt, AlertState State, string? HandledBy, DateTimeOffset? HandledAt);
