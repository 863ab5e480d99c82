namespace SensorChain.Fhir;

/// <summary>A time range defined by start and end (FHIR R4 Period).</summary>
public sealed record Period
{
    /// <summary>Starting time with inclusive boundary.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>End time with inclusive boundary, if not ongoing.</summary>
    public DateTimeOffset? End { get; init; }
}
