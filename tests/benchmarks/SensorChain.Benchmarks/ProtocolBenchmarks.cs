using BenchmarkDotNet.Attributes;
using SensorChain.Protocol;

namespace SensorChain.Benchmarks;

/// <summary>
/// Per one-second full-kit batch: encode, sign, decode, verify. The ECDSA verify is the baseline the others are
/// compared with (<c>dotnet run -c Release --project tests/benchmarks/SensorChain.Benchmarks -- --filter *Protocol*</c>).
/// </summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks : IDisposable
{
    private DeviceKey _key = null!;
    private SensorBatch _batch = null!;
    private SignedBatch _signed = null!;
    private byte[] _bytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = DeviceKey.Create();
        _batch = FullKitBatch.Create(_key);
        _signed = BatchCodec.Sign(_batch, _key);
        _bytes = _signed.Bytes.ToArray();
    }

    [Benchmark]
    public byte[] EncodeBody() => BatchCodec.EncodeBody(_batch);

    [Benchmark]
    public SignedBatch EncodeAndSign() => BatchCodec.Sign(_batch, _key);

    [Benchmark]
    public SignedBatch Decode() => BatchCodec.Decode(_bytes);

    [Benchmark(Baseline = true)]
    public bool VerifyOnly() => BatchCodec.VerifySignature(_signed, _key.Key);

    [Benchmark]
    public bool DecodeAndVerify() => BatchCodec.VerifySignature(BatchCodec.Decode(_bytes), _key.Key);

    [GlobalCleanup]
    public void Dispose()
    {
        _key?.Dispose();
        GC.SuppressFinalize(this);
    }
}
