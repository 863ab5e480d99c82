namespace SensorChain.Fhir;

/// <summary>A series of measurements taken by a device (FHIR R4 SampledData).</summary>
public sealed record SampledData
{
    /// <summary>Zero value and units.</summary>
    public required Quantity Origin { get; init; }

    /// <summary>Number of milliseconds between samples.</summary>
    public required decimal Period { get; init; }

    /// <summary>Multiply data by this before adding to origin.</summary>
    public decimal? Factor { get; init; }

    /// <summary>Lower limit of detection.</summary>
    public decimal? LowerLimit { get; init; }

    /// <summary>Upper limit of detection.</summary>
    public decimal? UpperLimit { get; init; }

    /// <summary>Number of sample points at each time point.</summary>
    public required int Dimensions { get; init; }

    /// <summary>Decimal values with spaces, or "E" | "U" | "L".</summary>
    public string? Data { get; init; }
}
