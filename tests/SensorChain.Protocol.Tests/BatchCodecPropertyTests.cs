using FsCheck;
using FsCheck.Fluent;
using SensorChain.Protocol;

namespace SensorChain.Protocol.Tests;

public sealed class BatchCodecPropertyTests : IDisposable
{
    private readonly DeviceKey _key = DeviceKey.Create();

    [Fact]
    public void Any_valid_batch_round_trips_exactly()
    {
        Prop.ForAll<int>(seed =>
        {
            var batch = TestBatches.Random(_key.Id, seed);
            var signed = BatchCodec.Sign(batch, _key);
            var decoded = BatchCodec.Decode(signed.Bytes);
            return decoded.Batch.Equals(batch) && BatchCodec.VerifySignature(decoded, _key.Key)
                && BatchCodec.EncodeBody(decoded.Batch).AsSpan().SequenceEqual(signed.Body.Span);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            var ok = BatchCodec.TryDecode(bytes, out var batch, out var error);
            return ok ? batch is not null : error is not null && error.Field.Length > 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Mutated_valid_batches_never_throw_and_never_verify()
    {
        var valid = BatchCodec.Sign(TestBatches.FullKit(_key), _key).Bytes.ToArray();
        Prop.ForAll<int, byte, int>((position, value, cut) =>
        {
            var copy = (byte[])valid.Clone();
            var at = Math.Abs(position % copy.Length);
            if (copy[at] == value)
            {
                return true;
            }

            copy[at] = value;
            var length = Math.Abs(cut % 4) == 0 ? Math.Abs(cut % copy.Length) : copy.Length;
            var decoded = BatchCodec.TryDecode(copy.AsMemory(0, length), out var batch, out _);
            return !decoded || !BatchCodec.VerifySignature(batch!, _key.Key);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ZigZag_round_trips_every_long()
    {
        Prop.ForAll<long>(v => ZigZag.Decode(ZigZag.Encode(v)) == v).QuickCheckThrowOnFailure();
    }

    public void Dispose() => _key.Dispose();
}
