using SensorChain.Protocol;

namespace SensorChain.Cloud.Tests.Support;

/// <summary>Signs a chain of batches like a gateway would (device key, sequence, previous hash), from hand-built channels.</summary>
public sealed class TestGateway : IDisposable
{
    private BatchHash _previous = BatchHash.Zero;

    public TestGateway(long startUnixMs = 1_767_225_600_000)
    {
        Key = DeviceKey.Create();
        StartUnixMs = startUnixMs;
    }

    public DeviceKey Key { get; }

    public DeviceId Device => Key.Id;

    public long StartUnixMs { get; }

    public ulong NextSequence { get; private set; }

    /// <summary>Signs the next batch in the chain (1 s window at start + sequence seconds).</summary>
    public SignedBatch Next(IReadOnlyList<ChannelBlock>? channels = null)
    {
        var signed = Sign(NextSequence, _previous, channels ?? FullKit(NextSequence));
        _previous = signed.Hash;
        NextSequence++;
        return signed;
    }

    /// <summary>Signs an arbitrary batch with this gateway's key (no chain bookkeeping).</summary>
    public SignedBatch Sign(ulong sequence, BatchHash previous, IReadOnlyList<ChannelBlock> channels, long? startUnixMs = null)
    {
        var salt = new byte[BatchFormat.SaltSize];
        Random.Shared.NextBytes(salt);
        var batch = new SensorBatch(Device, sequence, previous, startUnixMs ?? StartUnixMs + ((long)sequence * 1000), 1000, salt, channels);
        return BatchCodec.Sign(batch, Key);
    }

    /// <summary>Every sensor kind, realistic rates and units.</summary>
    public static IReadOnlyList<ChannelBlock> FullKit(ulong sequence)
    {
        var phase = sequence * 0.1;
        return
        [
            ChannelBlock.FromValues(SensorKind.HeartRate, 1, [72 + phase]),
            ChannelBlock.FromValues(SensorKind.SpO2, 1, [97.5]),
            ChannelBlock.FromValues(SensorKind.Ecg, 250, Wave(250, 1.2, 1.0)),
            ChannelBlock.FromValues(SensorKind.Ppg, 100, Wave(100, 1.2, 2000, 50_000)),
            ChannelBlock.FromValues(SensorKind.BodyTemperature, 1, [36.85]),
            ChannelBlock.FromSpotValues(SensorKind.Glucose, [98], [500]),
            ChannelBlock.FromValues(SensorKind.Gsr, 4, [2.1, 2.2, 2.3, 2.2]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, [121], [300]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureDiastolic, [79], [300]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureMean, [93], [300]),
            ChannelBlock.FromValues(SensorKind.AccelX, 50, Wave(50, 0.5, 0.05)),
            ChannelBlock.FromValues(SensorKind.AccelY, 50, Wave(50, 0.5, 0.05)),
            ChannelBlock.FromValues(SensorKind.AccelZ, 50, Wave(50, 0.5, 0.05, 1.0)),
            ChannelBlock.FromValues(SensorKind.Emg, 500, Wave(500, 30, 0.2)),
            ChannelBlock.FromValues(SensorKind.RespirationRate, 1, [16]),
        ];
    }

    public void Dispose() => Key.Dispose();

    private static double[] Wave(int n, double hz, double amplitude, double offset = 0)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = offset + (amplitude * Math.Sin(2 * Math.PI * hz * i / n));
        }

        return values;
    }
}
