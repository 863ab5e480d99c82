using SensorChain.Protocol;

namespace SensorChain.Protocol.Tests;

/// <summary>Builds batches for tests: a realistic full kit, or random ones from a seed.</summary>
internal static class TestBatches
{
    public static SensorBatch FullKit(DeviceKey key, ulong sequence = 0, BatchHash? previous = null)
    {
        var ecg = new double[250];
        for (var i = 0; i < ecg.Length; i++)
        {
            ecg[i] = Math.Sin(i / 10.0);
        }

        var channels = new List<ChannelBlock>
        {
            ChannelBlock.FromValues(SensorKind.HeartRate, 1, [72.0]),
            ChannelBlock.FromValues(SensorKind.SpO2, 1, [97.5]),
            ChannelBlock.FromValues(SensorKind.Ecg, 250, ecg),
            ChannelBlock.FromSpotValues(SensorKind.BodyTemperature, [36.85], [0]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, [121], [500]),
        };
        return new SensorBatch(key.Id, sequence, previous ?? BatchHash.Zero, 1_767_225_600_000, 1000, new byte[16], channels);
    }

    public static SensorBatch Random(DeviceId device, int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<SensorKind>().Where(_ => random.Next(3) == 0).OrderBy(k => k).ToArray();
        var duration = (uint)random.Next(1, 5000);
        var channels = new List<ChannelBlock>();
        foreach (var kind in kinds)
        {
            var count = random.Next(0, 300);
            var values = new long[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = random.Next(4) switch
                {
                    0 => random.NextInt64(),
                    1 => -random.NextInt64(),
                    _ => random.Next(-5000, 5000),
                };
            }

            var unit = new string('a', random.Next(1, BatchFormat.MaxUnitLength + 1));
            var exponent = (sbyte)random.Next(BatchFormat.MinExponent, BatchFormat.MaxExponent + 1);
            var quality = (SignalQuality)random.Next(256);
            if (random.Next(2) == 0)
            {
                var offsets = Enumerable.Range(0, count).Select(_ => (uint)random.Next(0, (int)duration + 1)).Order().ToArray();
                channels.Add(new ChannelBlock(kind, unit, 0, exponent, quality, values, offsets));
            }
            else
            {
                channels.Add(new ChannelBlock(kind, unit, (uint)random.Next(1, 1_000_000), exponent, quality, values));
            }
        }

        var sequence = (ulong)random.NextInt64(0, long.MaxValue);
        var previous = new byte[32];
        if (sequence > 0)
        {
            random.NextBytes(previous);
            previous[0] |= 1;
        }

        var salt = new byte[16];
        random.NextBytes(salt);
        return new SensorBatch(device, sequence, BatchHash.FromBytes(previous), random.NextInt64(0, 4_102_444_800_000), duration, salt, channels);
    }
}
