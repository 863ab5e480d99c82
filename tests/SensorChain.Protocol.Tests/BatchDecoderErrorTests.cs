using System.Buffers.Binary;
using SensorChain.Protocol;

namespace SensorChain.Protocol.Tests;

public sealed class BatchDecoderErrorTests : IDisposable
{
    private readonly DeviceKey _key = DeviceKey.Create();

    private byte[] Valid() => BatchCodec.Sign(TestBatches.FullKit(_key), _key).Bytes.ToArray();

    private static BatchError Reject(byte[] bytes)
    {
        Assert.False(BatchCodec.TryDecode(bytes, out _, out var error));
        return error;
    }

    [Fact]
    public void Wrong_magic_is_named()
    {
        var bytes = Valid();
        bytes[0] = (byte)'X';
        var error = Reject(bytes);
        Assert.Equal((BatchErrorCode.BadMagic, "magic"), (error.Code, error.Field));
    }

    [Fact]
    public void Unknown_version_is_named()
    {
        var bytes = Valid();
        bytes[2] = 2;
        var error = Reject(bytes);
        Assert.Equal((BatchErrorCode.UnsupportedVersion, "version"), (error.Code, error.Field));
    }

    [Fact]
    public void Reserved_flags_must_be_zero()
    {
        var bytes = Valid();
        bytes[3] = 0x80;
        Assert.Equal(BatchErrorCode.ReservedNotZero, Reject(bytes).Code);
    }

    [Fact]
    public void Empty_input_is_truncated()
    {
        Assert.Equal(BatchErrorCode.Truncated, Reject([]).Code);
    }

    [Fact]
    public void Every_truncation_is_rejected_without_exception()
    {
        var bytes = Valid();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(BatchCodec.TryDecode(bytes.AsMemory(0, length), out _, out var error));
            Assert.False(string.IsNullOrEmpty(error.Field));
        }
    }

    [Fact]
    public void Oversized_input_is_refused_before_parsing()
    {
        var error = Reject(new byte[BatchFormat.MaxBatchBytes + 1]);
        Assert.Equal(BatchErrorCode.LimitExceeded, error.Code);
    }

    [Fact]
    public void Too_many_channels_is_a_limit_error()
    {
        var bytes = Valid();
        bytes[BatchFormat.HeaderSize - 1] = BatchFormat.MaxChannels + 1;
        var error = Reject(bytes);
        Assert.Equal((BatchErrorCode.LimitExceeded, "channelCount"), (error.Code, error.Field));
    }

    [Fact]
    public void First_batch_must_carry_the_zero_hash()
    {
        var bytes = Valid();
        bytes[28] = 7;
        var error = Reject(bytes);
        Assert.Equal("previousHash", error.Field);
    }

    [Fact]
    public void Unknown_sensor_kind_is_named_with_its_channel()
    {
        var bytes = Valid();
        bytes[BatchFormat.HeaderSize] = 200;
        var error = Reject(bytes);
        Assert.Equal((BatchErrorCode.InvalidValue, "channels[0].kind"), (error.Code, error.Field));
    }

    [Fact]
    public void Zero_duration_is_invalid()
    {
        var bytes = Valid();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(68), 0);
        Assert.Equal("durationMs", Reject(bytes).Field);
    }

    [Fact]
    public void Decode_throws_a_typed_exception_naming_the_field()
    {
        var bytes = Valid();
        bytes[2] = 9;
        var ex = Assert.Throws<BatchFormatException>(() => BatchCodec.Decode(bytes));
        Assert.Equal("version", ex.Error.Field);
        Assert.Contains("version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_varint_is_non_canonical()
    {
        // A hand-built body: header, one channel whose sample rate is written as 0x80 0x00 (overlong zero).
        var body = new List<byte>();
        var header = BatchCodec.EncodeBody(TestBatches.FullKit(_key) with { Channels = [] });
        body.AddRange(header);
        body[BatchFormat.HeaderSize - 1] = 1;
        body.AddRange([(byte)SensorKind.HeartRate, 4, (byte)'/', (byte)'m', (byte)'i', (byte)'n', 0x80, 0x00, 0xFF, 0, 0]);
        var sig = new byte[64];
        _key.Sign(body.ToArray(), sig);
        var error = Reject([.. body, .. sig]);
        Assert.Equal((BatchErrorCode.NonCanonical, "channels[0].sampleRate"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00 }, BatchErrorCode.NonCanonical)] // overlong zero in two bytes
    [InlineData(new byte[] { 0x85, 0x80, 0x00 }, BatchErrorCode.NonCanonical)] // overlong in three bytes
    [InlineData(new byte[] { 0x85 }, BatchErrorCode.Truncated)] // continuation bit on the last byte
    public void Bad_sample_varint_is_refused_naming_the_values(byte[] sample, BatchErrorCode expected)
    {
        // One 1 Hz heart-rate channel with one sample written as `sample`.
        var body = new List<byte>(BatchCodec.EncodeBody(TestBatches.FullKit(_key) with { Channels = [] }));
        body[BatchFormat.HeaderSize - 1] = 1;
        body.AddRange([(byte)SensorKind.HeartRate, 1, (byte)'1', 0xE8, 0x07, 0x00, 0x00, 0x01]); // rate 1000 mHz, count 1
        body.AddRange(sample);
        var error = Reject([.. body, .. new byte[64]]);
        Assert.Equal((expected, "channels[0].values"), (error.Code, error.Field));
    }

    [Fact]
    public void Samples_of_one_two_and_many_varint_bytes_decode_to_their_values()
    {
        long[] values = [0, 63, -64, 64, 8191, -8192, 8192, 1_000_000, -1_000_000, long.MaxValue / 3, 5, 5];
        var batch = TestBatches.FullKit(_key) with { Channels = [new ChannelBlock(SensorKind.Ecg, "mV", 250_000, -3, SignalQuality.Good, values)] };
        var decoded = BatchCodec.Decode(BatchCodec.Sign(batch, _key).Bytes);
        Assert.Equal(batch.Channels[0].Values, decoded.Batch.Channels[0].Values);
    }

    [Fact]
    public void Sample_count_larger_than_the_remaining_bytes_is_refused_without_allocating()
    {
        var body = new List<byte>(BatchCodec.EncodeBody(TestBatches.FullKit(_key) with { Channels = [] }));
        body[BatchFormat.HeaderSize - 1] = 1;
        body.AddRange([(byte)SensorKind.HeartRate, 1, (byte)'1', 0x01, 0x00, 0x00, 0xA0, 0x8D, 0x06]); // count = 100,000
        var error = Reject([.. body, .. new byte[64]]);
        Assert.Equal((BatchErrorCode.LimitExceeded, "channels[0].count"), (error.Code, error.Field));
    }

    [Fact]
    public void Channels_out_of_kind_order_are_non_canonical()
    {
        var good = BatchCodec.EncodeBody(TestBatches.FullKit(_key) with { Channels = [] });
        var body = new List<byte>(good);
        body[BatchFormat.HeaderSize - 1] = 2;
        body.AddRange([(byte)SensorKind.SpO2, 1, (byte)'%', 0x01, 0x00, 0x00, 0x00]);
        body.AddRange([(byte)SensorKind.HeartRate, 1, (byte)'1', 0x01, 0x00, 0x00, 0x00]);
        var sig = new byte[64];
        _key.Sign(body.ToArray(), sig);
        var error = Reject([.. body, .. sig]);
        Assert.Equal((BatchErrorCode.NonCanonical, "channels[1].kind"), (error.Code, error.Field));
    }

    public void Dispose() => _key.Dispose();
}
