using SensorChain.Protocol;

namespace SensorChain.Benchmarks;

/// <summary>A one-second batch of the full bedside kit at the simulator's rates (about 1,400 samples).</summary>
internal static class FullKitBatch
{
    public static SensorBatch Create(DeviceKey key, ulong sequence = 0)
    {
        var random = new Random(42);
        double[] Wave(int n, double amplitude) => [.. Enumerable.Range(0, n).Select(i => (amplitude * Math.Sin(i * 0.07)) + (random.NextDouble() * amplitude * 0.05))];
        var channels = new List<ChannelBlock>
        {
            ChannelBlock.FromValues(SensorKind.HeartRate, 1, [72]),
            ChannelBlock.FromValues(SensorKind.SpO2, 1, [97.4]),
            ChannelBlock.FromValues(SensorKind.Ecg, 250, Wave(250, 1.2)),
            ChannelBlock.FromValues(SensorKind.Ppg, 100, [.. Wave(100, 3000).Select(v => v + 100_000)]),
            ChannelBlock.FromSpotValues(SensorKind.BodyTemperature, [36.9], [0]),
            ChannelBlock.FromSpotValues(SensorKind.Glucose, [104], [0]),
            ChannelBlock.FromValues(SensorKind.Gsr, 10, Wave(10, 2)),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, [122], [0]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureDiastolic, [79], [0]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureMean, [93], [0]),
            ChannelBlock.FromValues(SensorKind.AccelX, 50, Wave(50, 0.05)),
            ChannelBlock.FromValues(SensorKind.AccelY, 50, Wave(50, 0.05)),
            ChannelBlock.FromValues(SensorKind.AccelZ, 50, [.. Wave(50, 0.05).Select(v => v + 1)]),
            ChannelBlock.FromValues(SensorKind.Emg, 500, Wave(500, 0.3)),
            ChannelBlock.FromValues(SensorKind.RespirationRate, 1, [15]),
        };
        var salt = new byte[16];
        random.NextBytes(salt);
        var previous = sequence == 0 ? BatchHash.Zero : BatchHash.Compute([1, 2, 3]);
        return new SensorBatch(key.Id, sequence, previous, 1_767_225_600_000, 1000, salt, channels);
    }
}
