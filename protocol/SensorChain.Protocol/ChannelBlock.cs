namespace SensorChain.Protocol;

/// <summary>
/// All samples of one sensor channel within a batch. A raw integer r stands for r × 10^<see cref="Exponent"/>
/// in <see cref="Unit"/> (UCUM). Regular channels have a sample rate and sample i is at start + i / rate;
/// spot channels (rate 0, e.g. a blood-pressure cuff) carry each sample's offset from the batch start.
/// </summary>
/// <param name="Kind">What the channel measures.</param>
/// <param name="Unit">UCUM unit code.</param>
/// <param name="SampleRateMilliHz">Sample rate in millihertz; 0 for spot readings with explicit offsets.</param>
/// <param name="Exponent">Decimal scaling of the raw values.</param>
/// <param name="Quality">Signal-quality flags for this window.</param>
/// <param name="Values">Raw sample values.</param>
/// <param name="OffsetsMs">For spot channels, each sample's offset in ms from the batch start (non-decreasing); else null.</param>
public sealed record ChannelBlock(
    SensorKind Kind,
    string Unit,
    uint SampleRateMilliHz,
    sbyte Exponent,
    SignalQuality Quality,
    long[] Values,
    uint[]? OffsetsMs = null)
{
    private static readonly double[] Powers = BuildPowers();

    /// <summary>True for spot readings (no fixed rate).</summary>
    public bool IsSpot => SampleRateMilliHz == 0;

    /// <summary>Number of samples.</summary>
    public int Count => Values.Length;

    /// <summary>The scale factor 10^Exponent.</summary>
    public double Scale => Powers[Exponent - BatchFormat.MinExponent];

    /// <summary>Sample <paramref name="index"/> in <see cref="Unit"/>.</summary>
    public double ValueAt(int index) => Values[index] * Scale;

    /// <summary>Offset of sample <paramref name="index"/> from the batch start, in milliseconds.</summary>
    public double OffsetMsAt(int index) =>
        IsSpot ? OffsetsMs![index] : index * 1_000_000.0 / SampleRateMilliHz;

    /// <summary>Sample rate in hertz (0 for spot channels).</summary>
    public double SampleRateHz => SampleRateMilliHz / 1000.0;

    /// <summary>Builds a regular channel with the kind's default unit and exponent from values in that unit.</summary>
    public static ChannelBlock FromValues(SensorKind kind, double sampleRateHz, ReadOnlySpan<double> values, SignalQuality quality = SignalQuality.Good)
    {
        var exponent = SensorKindInfo.DefaultExponent(kind);
        return new ChannelBlock(kind, SensorKindInfo.DefaultUnit(kind), checked((uint)Math.Round(sampleRateHz * 1000)), exponent, quality, Quantize(values, exponent));
    }

    /// <summary>Builds a spot channel with the kind's default unit and exponent.</summary>
    public static ChannelBlock FromSpotValues(SensorKind kind, ReadOnlySpan<double> values, uint[] offsetsMs, SignalQuality quality = SignalQuality.Good)
    {
        var exponent = SensorKindInfo.DefaultExponent(kind);
        return new ChannelBlock(kind, SensorKindInfo.DefaultUnit(kind), 0, exponent, quality, Quantize(values, exponent), offsetsMs);
    }

    /// <summary>Rounds values in the unit to raw integers at the given exponent.</summary>
    public static long[] Quantize(ReadOnlySpan<double> values, sbyte exponent)
    {
        var inverse = 1.0 / Powers[exponent - BatchFormat.MinExponent];
        var raw = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            raw[i] = (long)Math.Round(values[i] * inverse, MidpointRounding.AwayFromZero);
        }

        return raw;
    }

    /// <inheritdoc />
    public bool Equals(ChannelBlock? other) =>
        other is not null && Kind == other.Kind && Unit == other.Unit && SampleRateMilliHz == other.SampleRateMilliHz
        && Exponent == other.Exponent && Quality == other.Quality && Values.AsSpan().SequenceEqual(other.Values)
        && (OffsetsMs is null ? other.OffsetsMs is null : other.OffsetsMs is not null && OffsetsMs.AsSpan().SequenceEqual(other.OffsetsMs));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Unit, SampleRateMilliHz, Exponent, Quality, Values.Length);

    private static double[] BuildPowers()
    {
        var powers = new double[BatchFormat.MaxExponent - BatchFormat.MinExponent + 1];
        for (var e = BatchFormat.MinExponent; e <= BatchFormat.MaxExponent; e++)
        {
            powers[e - BatchFormat.MinExponent] = double.Parse($"1e{e}", System.Globalization.CultureInfo.InvariantCulture);
        }

        return powers;
    }
}
