using BenchmarkDotNet.Attributes;
using SensorChain.Ingest.Mapping;
using SensorChain.Protocol;

namespace SensorChain.Benchmarks;

/// <summary>
/// The cloud's per-batch CPU work on a one-second full-kit batch: decode + verify + map to FHIR Observations.
/// Target: ≥ 10,000 batches/s per core, i.e. ≤ 100 µs per batch, of which the ECDSA verify (baseline) is ~70 µs.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks : IDisposable
{
    private DeviceKey _key = null!;
    private SignedBatch _signed = null!;
    private byte[] _bytes = null!;
    private DateTimeOffset _received;

    [GlobalSetup]
    public void Setup()
    {
        _key = DeviceKey.Create();
        _signed = BatchCodec.Sign(FullKitBatch.Create(_key), _key);
        _bytes = _signed.Bytes.ToArray();
        _received = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_601_000);
    }

    [Benchmark(Baseline = true)]
    public bool VerifyOnly() => BatchCodec.VerifySignature(_signed, _key.Key);

    [Benchmark]
    public MappedBatch MapOnly() => BatchFhirMapper.Map(_signed, "patient-1", _received);

    [Benchmark]
    public MappedBatch DecodeVerifyMap()
    {
        var decoded = BatchCodec.Decode(_bytes);
        if (!BatchCodec.VerifySignature(decoded, _key.Key))
        {
            throw new InvalidOperationException("signature");
        }

        return BatchFhirMapper.Map(decoded, "patient-1", _received);
    }

    [Benchmark]
    public int DecodeVerifyMapSerialize()
    {
        var mapped = DecodeVerifyMap();
        var bytes = 0;
        foreach (var observation in mapped.Observations)
        {
            bytes += FhirRecords.From(observation, _received).Json.Length;
        }

        return bytes + FhirRecords.From(mapped.Provenance, _received).Json.Length;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _key?.Dispose();
        GC.SuppressFinalize(this);
    }
}
