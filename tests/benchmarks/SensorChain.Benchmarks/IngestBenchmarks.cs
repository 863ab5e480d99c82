using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SensorChain.Ingest.Mapping;
using SensorChain.Protocol;

namespace SensorChain.Benchmarks;

/// <summary>
/// The cloud's per-batch CPU work on a one-second full-kit batch: decode + verify + map to FHIR Observations.
/// Target: ≥ 10,000 batches/s per core, i.e. ≤ 100 µs per batch. The baseline is the raw crypto on the bytes
/// (SHA-256 + ECDSA verify), so the Ratio column says what decoding, mapping and serialising add on top
/// (<c>dotnet run -c Release --project tests/benchmarks/SensorChain.Benchmarks -- --filter *Ingest*</c>).
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

    /// <summary>
    /// The irreducible crypto of a batch, straight on the bytes: SHA-256 of the whole batch (its chain hash) and the
    /// ECDSA P-256 verify of the body. Every other row is reported as a ratio to this one.
    /// </summary>
    [Benchmark(Baseline = true)]
    public bool RawHashAndVerify()
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(_bytes, hash);
        var body = _bytes.AsSpan(0, _bytes.Length - BatchFormat.SignatureSize);
        return _key.Key.VerifyData(body, _bytes.AsSpan(body.Length), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Benchmark]
    public bool VerifyOnly() => BatchCodec.VerifySignature(_signed, _key.Key);

    [Benchmark]
    public SignedBatch DecodeOnly() => BatchCodec.Decode(_bytes);

    [Benchmark]
    public bool DecodeVerify() => BatchCodec.VerifySignature(BatchCodec.Decode(_bytes), _key.Key);

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
