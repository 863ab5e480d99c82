using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SensorChain.FirmwareSim;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;
using SensorChain.Storage.Postgres;

namespace SensorChain.Cli.Commands.Bench;

/// <summary>
/// <c>sensorchain bench fhir</c>: Observations stored per second from ingest into PostgreSQL (signed batches mapped by
/// <see cref="BatchFhirMapper"/>, stored with <see cref="PostgresIngestStore.StoreBatchAsync"/> by parallel workers),
/// then patient+code+date search latency with at least <c>--observations</c> Observations stored (the rest are
/// generated the same way and loaded with binary COPY). Starts a throwaway PostgreSQL through
/// deploy/local/postgres.sh unless <c>--connection</c> is given. Ends with one RESULT line.
/// </summary>
internal static class BenchFhirCommand
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var observations = new Option<int>("--observations") { Description = "Observations stored before searching.", DefaultValueFactory = _ => 1_000_000 };
        var ingest = new Option<int>("--ingest-observations") { Description = "Observations stored through the ingest path (timed).", DefaultValueFactory = _ => 100_000 };
        var workers = new Option<int>("--workers") { Description = "Parallel ingest workers (one connection each).", DefaultValueFactory = _ => 8 };
        var queries = new Option<int>("--queries") { Description = "Timed searches.", DefaultValueFactory = _ => 2_000 };
        var group = new Option<int>("--group") { Description = "Batches per round trip in the ingest phase (1 = StoreBatchAsync; >1 = StoreBatchesAsync fast path).", DefaultValueFactory = _ => 1 };
        var connection = new Option<string?>("--connection") { Description = "Npgsql connection string of an empty database; default: start a local PostgreSQL." };
        var command = new Command("fhir", "Benchmark FHIR storage on PostgreSQL: Observations stored per second and search p50/p99.")
        {
            observations, ingest, workers, queries, group, connection,
        };
        command.SetAction((parse, ct) => RunAsync(
            Math.Max(1, parse.GetValue(observations)),
            Math.Max(1, parse.GetValue(ingest)),
            Math.Max(1, parse.GetValue(workers)),
            Math.Max(1, parse.GetValue(queries)),
            Math.Max(1, parse.GetValue(group)),
            parse.GetValue(connection),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(int target, int ingestTarget, int workers, int queries, int group, string? connection, CancellationToken ct)
    {
        string? dataDir = null;
        if (string.IsNullOrEmpty(connection))
        {
            dataDir = Path.Combine(Path.GetTempPath(), "sensorchain-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
            connection = await PostgresScriptAsync("start", dataDir, ct);
            Console.WriteLine($"started PostgreSQL in {dataDir}");
        }

        try
        {
            await using var store = new PostgresIngestStore(connection + ";Maximum Pool Size=" + (workers + 4).ToString(CultureInfo.InvariantCulture));
            await store.InitializeAsync(ct);
            var (storePerSecond, ingested) = await IngestAsync(store, Math.Min(ingestTarget, target), workers, group, ct);

            var patients = 100;
            var existing = (await store.SearchObservationsAsync(new ObservationQuery(Count: 0), ct)).Total;
            var hours = (int)Math.Ceiling(Math.Max(0, target - existing) / (double)(patients * 11));
            var fill = Stopwatch.StartNew();
            var codes = new List<string>();
            var loaded = await store.BulkLoadObservationsAsync(Generate(patients, hours, codes), 50_000, ct);
            Console.WriteLine($"bulk COPY: {loaded:N0} Observations in {fill.Elapsed.TotalSeconds:F1} s ({loaded / fill.Elapsed.TotalSeconds:N0}/s)");
            await store.AnalyzeAsync(ct);

            var total = (await store.SearchObservationsAsync(new ObservationQuery(Count: 0), ct)).Total;
            var (p50, p99, empty) = await SearchAsync(store, patients, hours, codes, queries, ct);
            Console.WriteLine($"search: {queries} queries patient+code+date (1-day window, _count=50), {empty} returned nothing");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT store_per_s={storePerSecond:F0} search_p50_ms={p50:F2} search_p99_ms={p99:F2} observations={total}"));
            return ingested > 0 && total >= target ? 0 : 1;
        }
        finally
        {
            if (dataDir is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await PostgresScriptAsync("stop", dataDir, CancellationToken.None);
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    /// <summary>Times the ingest path: pre-signed, pre-mapped batches stored one transaction each by parallel workers.</summary>
    private static async Task<(double PerSecond, long Observations)> IngestAsync(PostgresIngestStore store, int target, int workers, int group, CancellationToken ct)
    {
        var devices = workers * 4;
        var perDevice = (int)Math.Ceiling(target / 11.0 / devices);
        var prepared = new List<(StoredBatch Batch, List<FhirResourceRecord> Records, int Observations)>[devices];
        for (var d = 0; d < devices; d++)
        {
            using var key = DeviceKey.Create();
            var patient = "bench-ingest-" + d.ToString(CultureInfo.InvariantCulture);
            await store.EnrollDeviceAsync(new DeviceEnrollment(key.Id, key.PublicKeySpki, patient, Epoch), ct);
            prepared[d] = [];
            var previous = BatchHash.Zero;
            for (var s = 0; s < perDevice; s++)
            {
                var signed = Sign(key, (ulong)s, previous, Epoch.ToUnixTimeMilliseconds() + (s * 1000L));
                previous = signed.Hash;
                var now = Epoch.AddSeconds(s + 1);
                var mapped = BatchFhirMapper.Map(signed, patient, now);
                var records = mapped.Observations.Select(o => FhirRecords.From(o, now)).Append(FhirRecords.From(mapped.Provenance, now)).ToList();
                var stored = new StoredBatch(signed.Device, signed.Sequence, signed.Hash, signed.Batch.PreviousHash, signed.Batch.StartUnixMs, now,
                    BatchCompression.Compress(signed.Bytes.Span));
                prepared[d].Add((stored, records, mapped.Observations.Count));
            }
        }

        long observations = 0;
        long resources = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, async (w, token) =>
        {
            for (var d = w; d < devices; d += workers)
            {
                foreach (var chunk in prepared[d].Chunk(group))
                {
                    var outcomes = group == 1
                        ? [await store.StoreBatchAsync(chunk[0].Batch, chunk[0].Records, token)]
                        : await store.StoreBatchesAsync([.. chunk.Select(c => (c.Batch, (IReadOnlyList<FhirResourceRecord>)c.Records))], token);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        if (outcomes[i] == BatchStoreOutcome.Stored)
                        {
                            Interlocked.Add(ref observations, chunk[i].Observations);
                            Interlocked.Add(ref resources, chunk[i].Records.Count);
                        }
                    }
                }
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {observations:N0} Observations ({resources:N0} resources incl. Provenance) from {devices * perDevice:N0} batches, {workers} workers, {group} per round trip, {seconds:F1} s: {observations / seconds:N0} Observations/s, {resources / seconds:N0} resources/s"));
        return (observations / seconds, observations);
    }

    /// <summary>
    /// Observations of <paramref name="patients"/> patients, one full-kit batch per patient per hour. Each patient's
    /// first batch is signed and mapped by <see cref="BatchFhirMapper"/>; later hours reuse that FHIR JSON with the
    /// sequence in ids/identifiers and the hour in every timestamp rewritten (mapping a million resources would
    /// measure the mapper, not the database).
    /// </summary>
    private static IEnumerable<FhirResourceRecord> Generate(int patients, int hours, List<string> codes)
    {
        var templates = new List<(string Device, List<FhirResourceRecord> Records)>(patients);
        for (var p = 0; p < patients; p++)
        {
            using var key = DeviceKey.Create();
            var signed = Sign(key, 0, BatchHash.Zero, Epoch.ToUnixTimeMilliseconds());
            var now = Epoch.AddSeconds(2);
            var records = BatchFhirMapper.Map(signed, Patient(p), now).Observations.Select(o => FhirRecords.From(o, now)).ToList();
            templates.Add((key.Id.ToString(), records));
            foreach (var record in records)
            {
                if (record.Search!.Codes.Count > 0 && !codes.Contains(record.Search.Codes[0]))
                {
                    codes.Add(record.Search.Codes[0]);
                }
            }
        }

        const string hourPrefix = "2026-01-01T00:00:";
        for (var h = 0; h < hours; h++)
        {
            var shift = TimeSpan.FromHours(h);
            var prefix = Epoch.Add(shift).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:", CultureInfo.InvariantCulture);
            var sequence = h.ToString(CultureInfo.InvariantCulture);
            foreach (var (device, records) in templates)
            {
                foreach (var t in records)
                {
                    if (h == 0)
                    {
                        yield return t;
                        continue;
                    }

                    var json = t.Json.Replace(hourPrefix, prefix, StringComparison.Ordinal)
                        .Replace($"{device}-0-", $"{device}-{sequence}-", StringComparison.Ordinal)
                        .Replace($"{device}/0/", $"{device}/{sequence}/", StringComparison.Ordinal);
                    var search = t.Search! with
                    {
                        EffectiveStart = t.Search.EffectiveStart + shift,
                        EffectiveEnd = t.Search.EffectiveEnd + shift,
                        Identifier = t.Search.Identifier?.Replace($"{device}/0/", $"{device}/{sequence}/", StringComparison.Ordinal),
                    };
                    yield return new FhirResourceRecord("Observation", t.Id.Replace($"{device}-0-", $"{device}-{sequence}-", StringComparison.Ordinal), 1, t.LastUpdated + shift, json, search);
                }
            }
        }
    }

    private static async Task<(double P50, double P99, int Empty)> SearchAsync(
        PostgresIngestStore store, int patients, int hours, List<string> codes, int queries, CancellationToken ct)
    {
        var random = new Random(42);
        var latencies = new double[queries];
        var empty = 0;
        for (var i = -Math.Min(200, queries); i < queries; i++)
        {
            var from = Epoch.AddHours(random.Next(Math.Max(1, hours - 24)));
            var query = new ObservationQuery(Patient(random.Next(patients)), Codes: [codes[random.Next(codes.Count)]], EffectiveFrom: from, EffectiveTo: from.AddDays(1), Count: 50);
            var started = Stopwatch.GetTimestamp();
            var page = await store.SearchObservationsAsync(query, ct);
            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                empty += page.Items.Count == 0 ? 1 : 0;
            }
        }

        Array.Sort(latencies);
        return (latencies[(int)(0.50 * (queries - 1))], latencies[(int)Math.Ceiling(0.99 * (queries - 1))], empty);
    }

    private static string Patient(int index) => "bench-patient-" + index.ToString(CultureInfo.InvariantCulture);

    private static SignedBatch Sign(DeviceKey key, ulong sequence, BatchHash previous, long startUnixMs)
    {
        var salt = new byte[BatchFormat.SaltSize];
        BitConverter.TryWriteBytes(salt, sequence);
        var channels = SyntheticKit.Deterministic(sequence % 50 * 0.2);
        return BatchCodec.Sign(new SensorBatch(key.Id, sequence, previous, startUnixMs, 1000, salt, channels), key);
    }

    private static async Task<string> PostgresScriptAsync(string verb, string dataDir, CancellationToken ct)
    {
        var script = FindScript();
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(verb);
        info.ArgumentList.Add(dataDir);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not run bash");
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {verb} failed: {error.Trim()}");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines[^1] : string.Empty;
    }

    private static string FindScript()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploy", "local", "postgres.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("deploy/local/postgres.sh not found above the program or the current directory; pass --connection.");
    }
}
