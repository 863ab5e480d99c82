using Microsoft.Data.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Sqlite;

/// <summary>
/// An open read connection with the ingester's per-batch queries prepared once (enrolment with chain head, and the
/// batches around a sequence number). The store keeps a few in a pool, one per concurrent ingest.
/// </summary>
internal sealed class SqliteContextReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _device;
    private readonly SqliteCommand _links;

    public SqliteContextReader(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _device = _connection.CreateCommand();
        _device.CommandText = """
            SELECT d.public_key, d.patient_id, d.enrolled_at_ms, h.head_sequence, h.head_hash, h.stored_count
            FROM devices d LEFT JOIN chain_heads h ON h.device_id = d.device_id WHERE d.device_id = $d
            """;
        _device.Parameters.Add(new SqliteParameter("$d", DBNull.Value));
        _device.Prepare();
        _links = _connection.CreateCommand();
        _links.CommandText = "SELECT sequence, hash, previous_hash FROM batches WHERE device_id = $d AND sequence BETWEEN $lo AND $hi";
        _links.Parameters.Add(new SqliteParameter("$d", DBNull.Value));
        _links.Parameters.Add(new SqliteParameter("$lo", DBNull.Value));
        _links.Parameters.Add(new SqliteParameter("$hi", DBNull.Value));
        _links.Prepare();
    }

    public IngestContext Read(DeviceId device, ulong sequence)
    {
        var id = device.ToString();
        DeviceEnrollment enrollment;
        ChainHead? head = null;
        _device.Parameters[0].Value = id;
        using (var reader = _device.ExecuteReader())
        {
            if (!reader.Read())
            {
                return new IngestContext(null, null, null, null, null);
            }

            enrollment = new DeviceEnrollment(device, (byte[])reader[0], reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
            if (!reader.IsDBNull(3))
            {
                var headSequence = unchecked((ulong)reader.GetInt64(3));
                head = new ChainHead(device, headSequence, BatchHash.FromBytes((byte[])reader[4]), unchecked((long)headSequence + 1 - reader.GetInt64(5)));
            }
        }

        BatchLink? existing = null, previous = null, next = null;
        if (head is not null)
        {
            // Sequence numbers are stored as their int64 bit pattern; the window never wraps past the head's range.
            var signed = unchecked((long)sequence);
            _links.Parameters[0].Value = id;
            _links.Parameters[1].Value = signed == long.MinValue ? signed : signed - 1;
            _links.Parameters[2].Value = signed == long.MaxValue ? signed : signed + 1;
            using var reader = _links.ExecuteReader();
            while (reader.Read())
            {
                var link = new BatchLink(unchecked((ulong)reader.GetInt64(0)), BatchHash.FromBytes((byte[])reader[1]), BatchHash.FromBytes((byte[])reader[2]));
                if (link.Sequence == sequence)
                {
                    existing = link;
                }
                else if (sequence > 0 && link.Sequence == sequence - 1)
                {
                    previous = link;
                }
                else if (sequence < ulong.MaxValue && link.Sequence == sequence + 1)
                {
                    next = link;
                }
            }
        }

        return new IngestContext(enrollment, existing, previous, next, head);
    }

    public void Dispose()
    {
        _device.Dispose();
        _links.Dispose();
        _connection.Dispose();
    }
}
