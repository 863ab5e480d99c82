namespace SensorChain.Fhir;

/// <summary>A measured amount (FHIR R4 Quantity).</summary>
public sealed record Quantity
{
    /// <summary>The UCUM code system.</summary>
    public const string UcumSystem = "http://unitsofmeasure.org";

    /// <summary>Numerical value (with implicit precision).</summary>
    public decimal? Value { get; init; }

    /// <summary>&lt; | &lt;= | &gt;= | &gt;.</summary>
    public string? Comparator { get; init; }

    /// <summary>Unit representation.</summary>
    public string? Unit { get; init; }

    /// <summary>System that defines coded unit form.</summary>
    public string? System { get; init; }

    /// <summary>Coded form of the unit.</summary>
    public string? Code { get; init; }

    /// <summary>A UCUM quantity.</summary>
    public static Quantity Ucum(decimal value, string ucumCode, string? unit = null) =>
        new() { Value = value, Unit = unit ?? ucumCode, System = UcumSystem, Code = ucumCode };
}
