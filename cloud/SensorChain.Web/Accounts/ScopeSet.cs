namespace SensorChain.Web.Accounts;

/// <summary>
/// SMART-on-FHIR v1 style scopes: <c>context/resource.permission</c> with context <c>patient</c> or <c>user</c>,
/// resource a FHIR type or <c>*</c>, permission <c>read</c>, <c>write</c> or <c>*</c>. A cookie session carries <c>user/*.*</c>.
/// Scopes only narrow what a token may do; role and consent are checked as well.
/// </summary>
public sealed class ScopeSet
{
    private readonly List<(string Context, string Resource, string Permission)> _scopes = [];

    private ScopeSet(IEnumerable<string> raw)
    {
        foreach (var scope in raw)
        {
            var slash = scope.IndexOf('/', StringComparison.Ordinal);
            var dot = scope.LastIndexOf('.');
            if (slash <= 0 || dot <= slash + 1 || dot == scope.Length - 1)
            {
                continue;
            }

            var context = scope[..slash];
            var permission = scope[(dot + 1)..];
            if (context is not ("patient" or "user") || permission is not ("read" or "write" or "*"))
            {
                continue;
            }

            _scopes.Add((context, scope[(slash + 1)..dot], permission));
        }
    }

    /// <summary>The full scope of an interactive session.</summary>
    public static ScopeSet Session { get; } = new(["user/*.*"]);

    /// <summary>The recognised scopes, normalised.</summary>
    public IReadOnlyList<string> Values => _scopes.Select(s => $"{s.Context}/{s.Resource}.{s.Permission}").ToList();

    /// <summary>Parses a space-separated scope string; unknown or malformed scopes are dropped.</summary>
    public static ScopeSet Parse(string? scope) =>
        new((scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// True if a scope allows <paramref name="write"/> (or read) access to <paramref name="resourceType"/>.
    /// <paramref name="ownRecord"/> is true when the data belongs to the token's own patient (patient/ scopes apply only then).
    /// </summary>
    public bool Allows(string resourceType, bool write, bool ownRecord)
    {
        foreach (var (context, resource, permission) in _scopes)
        {
            if (context == "patient" && !ownRecord)
            {
                continue;
            }

            if ((resource == "*" || resource == resourceType) && (permission == "*" || permission == (write ? "write" : "read")))
            {
                return true;
            }
        }

        return false;
    }
}
