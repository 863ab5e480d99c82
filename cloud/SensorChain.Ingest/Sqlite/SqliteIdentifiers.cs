using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;

namespace SensorChain.Ingest.Sqlite;

/// <summary>
/// What the <c>resources.identifier</c> column holds for an Observation (schema v3). Ingest gives each batch Observation
/// the id <see cref="BatchFhirMapper.ObservationIdForIdentifier"/> derives from its identifier, so that identifier needs
/// no entry in the unique identifier index: the primary key already keeps two such Observations from sharing it. Those
/// rows hold <see cref="ImpliedById"/>, and the writer checks the two cross cases the index cannot see (a batch
/// Observation whose identifier another Observation holds in the index, and an Observation claiming the identifier of
/// an existing batch Observation). Computed on the caller's thread, not the writer's.
/// </summary>
internal static class SqliteIdentifiers
{
    /// <summary>Column value of an identifier implied by the row's id (not in the unique index).</summary>
    public const string ImpliedById = "";

    private const string IngestPrefix = FhirSystems.BatchIdentifier + "|";

    /// <summary>The column value for <paramref name="resource"/>: null (none), <see cref="ImpliedById"/>, or <c>system|value</c>.</summary>
    public static string? Column(FhirResourceRecord resource)
    {
        if (resource.ResourceType != "Observation" || resource.Search?.Identifier is not { Length: > 0 } identifier)
        {
            return null;
        }

        return IngestId(identifier) == resource.Id ? ImpliedById : identifier;
    }

    /// <summary>Column values of <paramref name="resources"/>, in order.</summary>
    public static string?[] Columns(IReadOnlyList<FhirResourceRecord> resources)
    {
        var columns = new string?[resources.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Column(resources[i]);
        }

        return columns;
    }

    /// <summary>The id of the batch Observation that <paramref name="identifier"/> (<c>system|value</c>) belongs to, if it is an ingest identifier.</summary>
    public static string? IngestId(string identifier) =>
        identifier.StartsWith(IngestPrefix, StringComparison.Ordinal) ? BatchFhirMapper.ObservationIdForIdentifier(identifier[IngestPrefix.Length..]) : null;
}
