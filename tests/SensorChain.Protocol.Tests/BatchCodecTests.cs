using SensorChain.Protocol;

namespace SensorChain.Protocol.Tests;

public sealed class BatchCodecTests : IDisposable
{
    private readonly DeviceKey _key = DeviceKey.Create();

    [Fact]
    public void Signed_batch_decodes_to_the_same_content_and_verifies()
    {
        var batch = TestBatches.FullKit(_key);
        var signed = BatchCodec.Sign(batch, _key);

        var decoded = BatchCodec.Decode(signed.Bytes);

        Assert.Equal(batch, decoded.Batch);
        Assert.Equal(signed.Hash, decoded.Hash);
        Assert.True(BatchCodec.VerifySignature(decoded, _key.Key));
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        var batch = TestBatches.FullKit(_key);
        Assert.Equal(BatchCodec.EncodeBody(batch), BatchCodec.EncodeBody(batch with { }));
    }

    [Fact]
    public void Values_keep_their_decimal_scale()
    {
        var signed = BatchCodec.Sign(TestBatches.FullKit(_key), _key);
        var decoded = BatchCodec.Decode(signed.Bytes).Batch;

        Assert.Equal(36.85, decoded.Channel(SensorKind.BodyTemperature)!.ValueAt(0), 10);
        Assert.Equal("Cel", decoded.Channel(SensorKind.BodyTemperature)!.Unit);
        Assert.Equal(500u, decoded.Channel(SensorKind.BloodPressureSystolic)!.OffsetsMs![0]);
    }

    [Fact]
    public void Batch_with_any_flipped_byte_is_rejected()
    {
        var signed = BatchCodec.Sign(TestBatches.FullKit(_key), _key);
        var bytes = signed.Bytes.ToArray();
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x01;
            var accepted = BatchCodec.TryDecode(copy, out var decoded, out _) && BatchCodec.VerifySignature(decoded, _key.Key);
            Assert.False(accepted, $"flipping byte {i} went unnoticed");
        }
    }

    [Fact]
    public void Signature_from_another_key_does_not_verify()
    {
        using var other = DeviceKey.Create();
        var signed = BatchCodec.Sign(TestBatches.FullKit(_key), _key);
        Assert.False(BatchCodec.VerifySignature(signed, other.Key));
    }

    [Fact]
    public void Signing_with_a_key_that_is_not_the_batch_device_is_refused()
    {
        using var other = DeviceKey.Create();
        Assert.Throws<ArgumentException>(() => BatchCodec.Sign(TestBatches.FullKit(_key), other));
    }

    [Fact]
    public void Signatures_are_low_s()
    {
        for (var i = 0; i < 50; i++)
        {
            var signed = BatchCodec.Sign(TestBatches.FullKit(_key), _key);
            Assert.True(P256.IsLowS(signed.Signature.Span));
        }
    }

    [Fact]
    public void High_s_signature_is_rejected_as_non_canonical()
    {
        var signed = BatchCodec.Sign(TestBatches.FullKit(_key), _key);
        var bytes = signed.Bytes.ToArray();
        var order = System.Numerics.BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var s = new System.Numerics.BigInteger(bytes.AsSpan(bytes.Length - 32), isUnsigned: true, isBigEndian: true);
        var high = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.AsSpan(bytes.Length - 32).Clear();
        high.CopyTo(bytes.AsSpan(bytes.Length - high.Length));

        Assert.False(BatchCodec.TryDecode(bytes, out _, out var error));
        Assert.Equal(BatchErrorCode.NonCanonical, error.Code);
        Assert.Equal("signature", error.Field);
    }

    [Fact]
    public void Each_batch_hash_differs_thanks_to_the_salt_and_signature()
    {
        var a = BatchCodec.Sign(TestBatches.FullKit(_key) with { Salt = [.. Enumerable.Repeat((byte)1, 16)] }, _key);
        var b = BatchCodec.Sign(TestBatches.FullKit(_key) with { Salt = [.. Enumerable.Repeat((byte)2, 16)] }, _key);
        Assert.NotEqual(a.Hash, b.Hash);
    }

    public void Dispose() => _key.Dispose();
}
