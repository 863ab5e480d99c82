using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace SensorChain.Protocol;

/// <summary>
/// Encodes, signs and strictly decodes wire format v1 batches (docs/protocol.md). Encoding is deterministic:
/// one batch has exactly one body encoding, and low-S signatures make the signed bytes canonical too.
/// </summary>
public static class BatchCodec
{
    /// <summary>Encodes the body (everything the signature covers).</summary>
    /// <exception cref="ArgumentException">The batch breaks a format rule (the decoder would refuse it).</exception>
    public static byte[] EncodeBody(SensorBatch batch)
    {
        var writer = new WireWriter(EstimateSize(batch));
        WriteBody(writer, batch);
        return writer.ToArray();
    }

    /// <summary>Encodes and signs a batch with the device's key.</summary>
    public static SignedBatch Sign(SensorBatch batch, DeviceKey key)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(key);
        if (batch.Device != key.Id)
        {
            throw new ArgumentException($"Batch device {batch.Device} does not match the signing key {key.Id}.", nameof(batch));
        }

        var writer = new WireWriter(EstimateSize(batch) + BatchFormat.SignatureSize);
        WriteBody(writer, batch);
        var bodyLength = writer.Length;
        var signature = writer.Reserve(BatchFormat.SignatureSize);
        key.Sign(writer.Written[..bodyLength], signature);
        return new SignedBatch(batch, writer.ToArray());
    }

    /// <summary>Checks the signature against the device's public key.</summary>
    public static bool VerifySignature(SignedBatch batch, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return P256.Verify(publicKey, batch.Body.Span, batch.Signature.Span);
    }

    /// <summary>Decodes or throws <see cref="BatchFormatException"/> naming the bad field.</summary>
    public static SignedBatch Decode(ReadOnlyMemory<byte> bytes) =>
        TryDecode(bytes, out var batch, out var error) ? batch : throw new BatchFormatException(error);

    /// <summary>
    /// Strictly decodes a signed batch. Never throws on malformed input: every failure is a <see cref="BatchError"/>
    /// naming the field. The result keeps a reference to <paramref name="bytes"/>; pass memory you own.
    /// The signature is only checked for form here; verify it with <see cref="VerifySignature"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out SignedBatch? batch, [NotNullWhen(false)] out BatchError? error)
    {
        batch = null;
        var span = bytes.Span;
        if (span.Length > BatchFormat.MaxBatchBytes)
        {
            error = new BatchError(BatchErrorCode.LimitExceeded, "batch", 0, $"{span.Length} bytes exceeds the {BatchFormat.MaxBatchBytes}-byte limit");
            return false;
        }

        if (span.Length < BatchFormat.HeaderSize + BatchFormat.SignatureSize)
        {
            error = new BatchError(BatchErrorCode.Truncated, span.Length < 2 ? "magic" : "batch", 0,
                $"{span.Length} bytes is shorter than the smallest batch ({BatchFormat.HeaderSize + BatchFormat.SignatureSize})");
            return false;
        }

        var bodyEnd = span.Length - BatchFormat.SignatureSize;
        var reader = new WireReader(span, bodyEnd);
        var decoded = ReadBody(ref reader);
        if (decoded is null)
        {
            error = reader.Error!;
            return false;
        }

        if (reader.Remaining != 0)
        {
            error = new BatchError(BatchErrorCode.TrailingBytes, "channels", reader.Position, $"{reader.Remaining} unexpected bytes before the signature");
            return false;
        }

        if (!P256.IsLowS(span[bodyEnd..]))
        {
            error = new BatchError(BatchErrorCode.NonCanonical, "signature", bodyEnd, "signature S is above n/2 (only low-S signatures are canonical)");
            return false;
        }

        batch = new SignedBatch(decoded, bytes);
        error = null;
        return true;
    }

    private static SensorBatch? ReadBody(ref WireReader r)
    {
        if (!r.UInt16("magic", out var magic))
        {
            return null;
        }

        if (magic != BatchFormat.Magic)
        {
            r.Fail(BatchErrorCode.BadMagic, "magic", $"expected 0x{BatchFormat.Magic:X4}, got 0x{magic:X4}", 0);
            return null;
        }

        if (!r.Byte("version", out var version))
        {
            return null;
        }

        if (version != BatchFormat.Version)
        {
            r.Fail(BatchErrorCode.UnsupportedVersion, "version", $"version {version} is not supported (this reader knows {BatchFormat.Version})", 2);
            return null;
        }

        if (!r.Byte("flags", out var flags))
        {
            return null;
        }

        if (flags != 0)
        {
            r.Fail(BatchErrorCode.ReservedNotZero, "flags", $"reserved flags must be 0, got 0x{flags:X2}", 3);
            return null;
        }

        if (!r.Bytes(DeviceId.Size, "deviceId", out var deviceBytes)
            || !r.UInt64("sequence", out var sequence)
            || !r.Bytes(BatchHash.Size, "previousHash", out var previous)
            || !r.Int64("startUnixMs", out var start)
            || !r.UInt32("durationMs", out var duration)
            || !r.Bytes(BatchFormat.SaltSize, "salt", out var salt)
            || !r.Byte("channelCount", out var channelCount))
        {
            return null;
        }

        var previousHash = BatchHash.FromBytes(previous);
        if (sequence == 0 && !previousHash.IsZero)
        {
            r.Fail(BatchErrorCode.InvalidValue, "previousHash", "the first batch (sequence 0) must carry the zero hash", 28);
            return null;
        }

        if (sequence > 0 && previousHash.IsZero)
        {
            r.Fail(BatchErrorCode.InvalidValue, "previousHash", $"batch {sequence} must carry its predecessor's hash, not zero", 28);
            return null;
        }

        if (start < 0 || start > 253_402_300_799_999)
        {
            r.Fail(BatchErrorCode.InvalidValue, "startUnixMs", $"{start} is outside years 1970–9999", 60);
            return null;
        }

        if (duration == 0 || duration > BatchFormat.MaxDurationMs)
        {
            r.Fail(BatchErrorCode.InvalidValue, "durationMs", $"{duration} ms is outside 1..{BatchFormat.MaxDurationMs}", 68);
            return null;
        }

        if (channelCount > BatchFormat.MaxChannels)
        {
            r.Fail(BatchErrorCode.LimitExceeded, "channelCount", $"{channelCount} channels exceeds the limit of {BatchFormat.MaxChannels}", BatchFormat.HeaderSize - 1);
            return null;
        }

        var channels = new ChannelBlock[channelCount];
        var lastKind = 0;
        for (var i = 0; i < channelCount; i++)
        {
            var channel = ReadChannel(ref r, i, duration);
            if (channel is null)
            {
                return null;
            }

            if ((int)channel.Kind <= lastKind)
            {
                r.ChannelIndex = i;
                r.Fail(BatchErrorCode.NonCanonical, "kind", "channels must appear in strictly increasing kind order");
                return null;
            }

            lastKind = (int)channel.Kind;
            channels[i] = channel;
        }

        r.ChannelIndex = -1;

        return new SensorBatch(DeviceId.FromBytes(deviceBytes), sequence, previousHash, start, duration, salt.ToArray(), channels);
    }

    private static ChannelBlock? ReadChannel(ref WireReader r, int index, uint durationMs)
    {
        // Field names are composed only when a failure is recorded (no allocation per sample).
        r.ChannelIndex = index;
        var kindOffset = r.Position;
        if (!r.Byte("kind", out var kind))
        {
            return null;
        }

        if (!SensorKindInfo.IsDefined(kind))
        {
            r.Fail(BatchErrorCode.InvalidValue, "kind", $"unknown sensor kind {kind}", kindOffset);
            return null;
        }

        var unitOffset = r.Position;
        if (!r.Byte("unit", out var unitLength))
        {
            return null;
        }

        if (unitLength is 0 or > BatchFormat.MaxUnitLength)
        {
            r.Fail(BatchErrorCode.LimitExceeded, "unit", $"unit length {unitLength} is outside 1..{BatchFormat.MaxUnitLength}", unitOffset);
            return null;
        }

        if (!r.Bytes(unitLength, "unit", out var unitBytes))
        {
            return null;
        }

        foreach (var b in unitBytes)
        {
            if (b is < 0x21 or > 0x7E)
            {
                r.Fail(BatchErrorCode.InvalidValue, "unit", "unit must be printable ASCII without spaces", unitOffset);
                return null;
            }
        }

        var rateOffset = r.Position;
        if (!r.VarUInt("sampleRate", out var rate))
        {
            return null;
        }

        if (rate > BatchFormat.MaxSampleRateMilliHz)
        {
            r.Fail(BatchErrorCode.LimitExceeded, "sampleRate", $"{rate} mHz exceeds {BatchFormat.MaxSampleRateMilliHz} mHz", rateOffset);
            return null;
        }

        var exponentOffset = r.Position;
        if (!r.Byte("exponent", out var exponentByte))
        {
            return null;
        }

        var exponent = unchecked((sbyte)exponentByte);
        if (exponent is < BatchFormat.MinExponent or > BatchFormat.MaxExponent)
        {
            r.Fail(BatchErrorCode.InvalidValue, "exponent", $"exponent {exponent} is outside {BatchFormat.MinExponent}..{BatchFormat.MaxExponent}", exponentOffset);
            return null;
        }

        if (!r.Byte("quality", out var quality))
        {
            return null;
        }

        var countOffset = r.Position;
        if (!r.VarUInt("count", out var count))
        {
            return null;
        }

        // Every sample takes at least one byte, so a count larger than what remains is a lie: refuse before allocating.
        if (count > BatchFormat.MaxSamplesPerChannel || count > (ulong)r.Remaining)
        {
            r.Fail(BatchErrorCode.LimitExceeded, "count", $"{count} samples exceeds the limit or the bytes left", countOffset);
            return null;
        }

        var n = (int)count;
        uint[]? offsets = null;
        if (rate == 0)
        {
            offsets = new uint[n];
            ulong at = 0;
            for (var i = 0; i < n; i++)
            {
                var offsetField = "offsets";
                var fieldStart = r.Position;
                if (!r.VarUInt(offsetField, out var delta))
                {
                    return null;
                }

                at += delta;
                if (delta > durationMs || at > durationMs)
                {
                    r.Fail(BatchErrorCode.InvalidValue, offsetField, $"sample {i} lies {at} ms after the start, beyond the {durationMs} ms window", fieldStart);
                    return null;
                }

                offsets[i] = (uint)at;
            }
        }

        var values = new long[n];
        if (!r.DeltaVarInts("values", values))
        {
            return null;
        }

        return new ChannelBlock((SensorKind)kind, System.Text.Encoding.ASCII.GetString(unitBytes), (uint)rate, exponent, (SignalQuality)quality, values, offsets);
    }

    private static void WriteBody(WireWriter w, SensorBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Validate(batch);
        w.UInt16(BatchFormat.Magic);
        w.Byte(BatchFormat.Version);
        w.Byte(0);
        batch.Device.WriteTo(w.Reserve(DeviceId.Size));
        w.UInt64(batch.Sequence);
        w.Bytes(batch.PreviousHash.Bytes);
        w.Int64(batch.StartUnixMs);
        w.UInt32(batch.DurationMs);
        w.Bytes(batch.Salt);
        w.Byte((byte)batch.Channels.Count);
        foreach (var channel in batch.Channels)
        {
            w.Byte((byte)channel.Kind);
            w.Byte((byte)channel.Unit.Length);
            foreach (var c in channel.Unit)
            {
                w.Byte((byte)c);
            }

            w.VarUInt(channel.SampleRateMilliHz);
            w.Byte(unchecked((byte)channel.Exponent));
            w.Byte((byte)channel.Quality);
            w.VarUInt((ulong)channel.Values.Length);
            if (channel.OffsetsMs is { } offsets)
            {
                uint previousOffset = 0;
                foreach (var offset in offsets)
                {
                    w.VarUInt(offset - previousOffset);
                    previousOffset = offset;
                }
            }

            long previous = 0;
            foreach (var value in channel.Values)
            {
                w.VarInt(unchecked(value - previous));
                previous = value;
            }
        }
    }

    private static void Validate(SensorBatch batch)
    {
        if (batch.Salt is null || batch.Salt.Length != BatchFormat.SaltSize)
        {
            throw new ArgumentException($"Salt must be {BatchFormat.SaltSize} bytes.", nameof(batch));
        }

        if ((batch.Sequence == 0) != batch.PreviousHash.IsZero)
        {
            throw new ArgumentException("Sequence 0 carries the zero previous hash, and only it does.", nameof(batch));
        }

        if (batch.DurationMs is 0 or > BatchFormat.MaxDurationMs || batch.StartUnixMs < 0)
        {
            throw new ArgumentException("Start or duration out of range.", nameof(batch));
        }

        if (batch.Channels.Count > BatchFormat.MaxChannels)
        {
            throw new ArgumentException($"At most {BatchFormat.MaxChannels} channels.", nameof(batch));
        }

        var lastKind = 0;
        foreach (var c in batch.Channels)
        {
            if ((int)c.Kind <= lastKind || !SensorKindInfo.IsDefined((byte)c.Kind))
            {
                throw new ArgumentException("Channels must have defined kinds in strictly increasing order.", nameof(batch));
            }

            lastKind = (int)c.Kind;
            if (c.Unit.Length is 0 or > BatchFormat.MaxUnitLength || c.Unit.Any(ch => ch is < '!' or > '~'))
            {
                throw new ArgumentException($"Unit '{c.Unit}' of {c.Kind} is not 1..{BatchFormat.MaxUnitLength} printable ASCII characters.", nameof(batch));
            }

            if (c.Exponent is < BatchFormat.MinExponent or > BatchFormat.MaxExponent || c.SampleRateMilliHz > BatchFormat.MaxSampleRateMilliHz
                || c.Values.Length > BatchFormat.MaxSamplesPerChannel)
            {
                throw new ArgumentException($"Channel {c.Kind} breaks a format limit.", nameof(batch));
            }

            if ((c.SampleRateMilliHz == 0) != (c.OffsetsMs is not null)
                || (c.OffsetsMs is { } o && (o.Length != c.Values.Length || !IsNonDecreasingWithin(o, batch.DurationMs))))
            {
                throw new ArgumentException($"Channel {c.Kind}: spot channels (rate 0) need one non-decreasing offset within the window per value; others none.", nameof(batch));
            }
        }
    }

    private static bool IsNonDecreasingWithin(uint[] offsets, uint duration)
    {
        uint previous = 0;
        foreach (var offset in offsets)
        {
            if (offset < previous || offset > duration)
            {
                return false;
            }

            previous = offset;
        }

        return true;
    }

    private static int EstimateSize(SensorBatch batch)
    {
        var size = BatchFormat.HeaderSize;
        foreach (var channel in batch.Channels)
        {
            size += 24 + (channel.Values.Length * 3);
        }

        return size;
    }
}
