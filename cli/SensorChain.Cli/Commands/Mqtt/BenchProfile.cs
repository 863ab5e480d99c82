using System.Globalization;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// Where the cloud's per-batch CPU goes: each step of the full ingest path (decode, verify, FHIR mapping, JSON
/// serialisation of the Observations and Provenance, raw-batch compression) timed alone, single-threaded, over a
/// sample of the run's batches, with the bytes each step allocates.
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
        Step("serialize", i =>
        {
            foreach (var o in mapped[i].Observations)
            {
                json += FhirRecords.From(o, received).Json.Length;
            }

            json += FhirRecords.From(mapped[i].Provenance, received).Json.Length;
        });
        var jsonPerBatch = json / n;
        Step("compress", i => BatchCompression.Compress(samples[i].Bytes));
        return string.Create(CultureInfo.InvariantCulture,
            $"profile of the full cloud ingest steps ({n} batches, one thread, thread CPU time and allocation per batch): {string.Join(", ", steps)}; {verified}/{n} valid, {jsonPerBatch} JSON chars per batch");
    }
}
