namespace SensorChain.Fhir;

/// <summary>A concept that may be defined by one or more codings, plus text (FHIR R4 CodeableConcept).</summary>
public sealed record CodeableConcept
{
    /// <summary>Code defined by a terminology system.</summary>
    public IReadOnlyList<Coding>? Coding { get; init; }

    /// <summary>Plain text representation of the concept.</summary>
    public string? Text { get; init; }

    /// <summary>A concept with one coding.</summary>
    public static CodeableConcept Of(string system, string code, string? display = null, string? text = null) =>
        new() { Coding = [new Coding(system, code, display)], Text = text };

    /// <summary>True when one of the codings has <paramref name="system"/> and <paramref name="code"/>.</summary>
    public bool Has(string system, string code) =>
        Coding?.Any(c => c.System == system && c.Code == code) == true;
}
