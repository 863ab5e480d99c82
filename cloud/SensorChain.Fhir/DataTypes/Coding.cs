namespace SensorChain.Fhir;

/// <summary>A reference to a code defined by a terminology system (FHIR R4 Coding).</summary>
public sealed record Coding
{
    /// <summary>Creates an empty coding.</summary>
    public Coding()
    {
    }

    /// <summary>Creates a coding.</summary>
    public Coding(string system, string code, string? display = null)
    {
        System = system;
        Code = code;
        Display = display;
    }

    /// <summary>Identity of the terminology system.</summary>
    public string? System { get; init; }

    /// <summary>Version of the system.</summary>
    public string? Version { get; init; }

    /// <summary>Symbol in syntax defined by the system.</summary>
    public string? Code { get; init; }

    /// <summary>Representation defined by the system.</summary>
    public string? Display { get; init; }

    /// <summary>If this coding was chosen directly by the user.</summary>
    public bool? UserSelected { get; init; }
}
