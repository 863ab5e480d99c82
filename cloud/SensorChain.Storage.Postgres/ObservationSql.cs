using System.Text;
using NpgsqlTypes;
using SensorChain.Ingest.Storage;

namespace SensorChain.Storage.Postgres;

/// <summary>Translates an <see cref="ObservationQuery"/> into a WHERE clause with positional parameters.</summary>
internal sealed class ObservationSql
{
    private readonly List<(object Value, NpgsqlDbType Type)> _parameters = [];

    public ObservationSql(ObservationQuery query)
    {
        var where = new StringBuilder("TRUE");
        if (query.PatientId is { } patient)
        {
            where.Append(" AND patient_id = ").Append(Add(patient, NpgsqlDbType.Text));
        }

        if (query.Codes is { Count: > 0 } codes)
        {
            where.Append(" AND code_tokens && ").Append(Add(codes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        }

        if (query.Categories is { Count: > 0 } categories)
        {
            where.Append(" AND category_tokens && ").Append(Add(categories.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        }

        if (query.EffectiveFrom is { } from)
        {
            // FHIR: the effective period must reach the bound. Bounding effective_start by the longest stored period
            // keeps the (patient_id, effective_start) index and partition pruning usable.
            var p = Add(PgValues.Utc(from), NpgsqlDbType.TimestampTz);
            where.Append(" AND effective_end ").Append(query.FromInclusive ? ">= " : "> ").Append(p)
                .Append(" AND effective_start >= ").Append(p).Append(" - (SELECT max_span FROM observation_span)");
        }

        if (query.EffectiveTo is { } to)
        {
            where.Append(" AND effective_start ").Append(query.ToInclusive ? "<= " : "< ").Append(Add(PgValues.Utc(to), NpgsqlDbType.TimestampTz));
        }

        if (query.LastUpdatedFrom is { } updatedFrom)
        {
            where.Append(" AND last_updated >= ").Append(Add(PgValues.Utc(updatedFrom), NpgsqlDbType.TimestampTz));
        }

        if (query.LastUpdatedTo is { } updatedTo)
        {
            where.Append(" AND last_updated <= ").Append(Add(PgValues.Utc(updatedTo), NpgsqlDbType.TimestampTz));
        }

        Where = where.ToString();
    }

    /// <summary>The condition, using $1..$n.</summary>
    public string Where { get; }

    /// <summary>Number of parameters used by <see cref="Where"/>.</summary>
    public int ParameterCount => _parameters.Count;

    /// <summary>Adds the parameters to a command's collection.</summary>
    public void AddTo(Npgsql.NpgsqlParameterCollection parameters)
    {
        foreach (var (value, type) in _parameters)
        {
            parameters.Add(new Npgsql.NpgsqlParameter { Value = value, NpgsqlDbType = type });
        }
    }

    private string Add(object value, NpgsqlDbType type)
    {
        _parameters.Add((value, type));
        return "$" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
