using System.Globalization;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// Where the cloud's per-batch CPU goes: each step of the full ingest path (decode, verify, FHIR mapping, the records
/// handed to the store — references for SQLite, JSON for stores that keep it — and raw-batch compression) timed alone,
/// single-threaded, over a sample of the run's batches, with the bytes each step allocates; and what a read pays to
/// render one batch Observation from its stored batch.
/// </summary>
internal static class BenchProfile
{
    public static string Measure(BenchFleet fleet, int count)
    {
        var samples = new List<(byte[] Bytes, DeviceKey Key)>();
        for (var i = 0; samples.Count < count && i < fleet.Keys.Length * fleet.Batches[0].Length; i++)
        {
            var p = i % fleet.Keys.Length;
            var s = (i / fleet.Keys.Length) % fleet.Batches[p].Length;
            samples.Add((fleet.Batches[p][s], fleet.Keys[p]));
        }

        var n = samples.Count;
        var received = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_601_000);
        var decoded = new SignedBatch[n];
        var mapped = new MappedBatch[n];
        var valid = 0;
        var json = 0L;
        var steps = new List<string>();
        void Step(string name, Action<int> body)
        {
            body(0); // warm up, not counted
            valid = 0;
            json = 0;
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpu.Nanoseconds();
            for (var i = 0; i < n; i++)
            {
                body(i);
            }

            var us = (ThreadCpu.Nanoseconds() - cpu) / 1000.0 / n;
            var kb = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0 / n;
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {us:F0} us ({kb:F1} KB)"));
        }

        Step("decode", i => decoded[i] = BatchCodec.Decode(samples[i].Bytes));
        Step("verify", i => valid += BatchCodec.VerifySignature(decoded[i], samples[i].Key.Key) ? 1 : 0);
        var verified = valid;
        Step("map", i => mapped[i] = BatchFhirMapper.Map(decoded[i], "patient-1", received));
        Step("records (SQLite: Observations as references, Provenance as JSON)", i =>
            json += FhirRecords.ForBatch(mapped[i].Observations, mapped[i].Provenance,
                new BatchObservationReference(decoded[i].Device, decoded[i].Sequence, "patient-1"), received).Sum(r => r.Json.Length));
        var storedPerBatch = json / n;
        Step("serialize (stores that keep the JSON: PostgreSQL)", i =>
            json += FhirRecords.ForBatch(mapped[i].Observations, mapped[i].Provenance, null, received).Sum(r => r.Json.Length));
        var jsonPerBatch = json / n;
        var compressed = new byte[n][];
        Step("compress", i => compressed[i] = BatchCompression.Compress(samples[i].Bytes));
        Step("read: render one Observation from its stored batch", i =>
        {
            var signed = BatchCodec.Decode(BatchCompression.Decompress(compressed[i]));
            json += FhirRecords.From(BatchFhirMapper.MapObservations(signed, "patient-1")[0], received).Json.Length;
        });
        return string.Create(CultureInfo.InvariantCulture,
            $"profile of the full cloud ingest steps ({n} batches, one thread, thread CPU time and allocation per batch): {string.Join(", ", steps)}; {verified}/{n} valid, {jsonPerBatch} JSON chars per batch ({storedPerBatch} stored by SQLite)");
    }
}
