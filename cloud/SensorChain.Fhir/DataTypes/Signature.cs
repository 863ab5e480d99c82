namespace SensorChain.Fhir;

/// <summary>A digital signature along with supporting context (FHIR R4 Signature).</summary>
public sealed record Signature
{
    /// <summary>Indication of the reason the entity signed the object(s).</summary>
    public required IReadOnlyList<Coding> Type { get; init; }

    /// <summary>When the signature was created.</summary>
    public required DateTimeOffset When { get; init; }

    /// <summary>Who signed.</summary>
    public required ResourceReference Who { get; init; }

    /// <summary>The party represented.</summary>
    public ResourceReference? OnBehalfOf { get; init; }

    /// <summary>The technical format of the signed resources.</summary>
    public string? TargetFormat { get; init; }

    /// <summary>The technical format of the signature.</summary>
    public string? SigFormat { get; init; }

    /// <summary>The actual signature content (base64).</summary>
    public string? Data { get; init; }
}
