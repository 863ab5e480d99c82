namespace SensorChain.Fhir;

/// <summary>A reference from one resource to another (FHIR R4 Reference; named as in the HL7 .NET SDK).</summary>
public sealed record ResourceReference
{
    /// <summary>Creates an empty reference.</summary>
    public ResourceReference()
    {
    }

    /// <summary>Creates a literal reference such as <c>Patient/123</c>.</summary>
    public ResourceReference(string reference, string? display = null)
    {
        Reference = reference;
        Display = display;
    }

    /// <summary>Literal reference, relative, internal or absolute URL.</summary>
    public string? Reference { get; init; }

    /// <summary>Type the reference refers to (e.g. "Patient").</summary>
    public string? Type { get; init; }

    /// <summary>Logical reference, when literal reference is not known.</summary>
    public Identifier? Identifier { get; init; }

    /// <summary>Text alternative for the resource.</summary>
    public string? Display { get; init; }

    /// <summary>A relative reference <c>Type/id</c>.</summary>
    public static ResourceReference To(string resourceType, string id) => new($"{resourceType}/{id}");

    /// <summary>The id of a relative reference to <paramref name="resourceType"/>, or null.</summary>
    public string? IdOf(string resourceType) =>
        Reference is { } r && r.StartsWith(resourceType + "/", StringComparison.Ordinal) ? r[(resourceType.Length + 1)..] : null;
}
