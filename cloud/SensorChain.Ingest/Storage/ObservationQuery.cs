namespace SensorChain.Ingest.Storage;

/// <summary>
/// A parsed Observation search. All criteria are ANDed; within Codes/Categories they are ORed.
/// Date bounds follow FHIR's range semantics on effective[x] = [EffectiveStart, EffectiveEnd]:
/// <see cref="EffectiveFrom"/> tests the end (end ≥ from, or &gt; when not inclusive) and <see cref="EffectiveTo"/>
/// tests the start (start ≤ to, or &lt;). _lastUpdated bounds are inclusive. Order: effective start, then id.
/// </summary>
/// <param name="PatientId">subject/patient id, or null.</param>
/// <param name="Codes"><c>system|code</c> or bare codes (any system), or empty.</param>
/// <param name="Categories">Category codes as <c>system|code</c> or bare codes (any system), or empty.</param>
/// <param name="EffectiveFrom">Lower bound on the effective period (inclusive when <see cref="FromInclusive"/>).</param>
/// <param name="FromInclusive">ge vs gt.</param>
/// <param name="EffectiveTo">Upper bound.</param>
/// <param name="ToInclusive">le vs lt.</param>
/// <param name="LastUpdatedFrom">_lastUpdated lower bound.</param>
/// <param name="LastUpdatedTo">_lastUpdated upper bound.</param>
/// <param name="DescendingByDate">_sort=-date (default ascending by date).</param>
/// <param name="Count">Page size.</param>
/// <param name="Offset">Rows to skip.</param>
public sealed record ObservationQuery(
    string? PatientId = null,
    IReadOnlyList<string>? Codes = null,
    IReadOnlyList<string>? Categories = null,
    DateTimeOffset? EffectiveFrom = null,
    bool FromInclusive = true,
    DateTimeOffset? EffectiveTo = null,
    bool ToInclusive = true,
    DateTimeOffset? LastUpdatedFrom = null,
    DateTimeOffset? LastUpdatedTo = null,
    bool DescendingByDate = false,
    int Count = 50,
    int Offset = 0);
