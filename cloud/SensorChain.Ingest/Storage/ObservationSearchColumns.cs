namespace SensorChain.Ingest.Storage;

/// <summary>The values of an Observation that the search parameters look at, as real columns.</summary>
/// <param name="PatientId">Patient.id of the subject.</param>
/// <param name="DeviceId">Device.id, if any.</param>
/// <param name="Codes">Every coding as <c>system|code</c>.</param>
/// <param name="Categories">Every category coding as <c>system|code</c>.</param>
/// <param name="EffectiveStart">Start of effective[x].</param>
/// <param name="EffectiveEnd">End of effective[x] (equal to start for a dateTime).</param>
/// <param name="Identifier">Business identifier <c>system|value</c> used for conditional create.</param>
public sealed record ObservationSearchColumns(
    string PatientId,
    string? DeviceId,
    IReadOnlyList<string> Codes,
    IReadOnlyList<string> Categories,
    DateTimeOffset EffectiveStart,
    DateTimeOffset EffectiveEnd,
    string? Identifier);
