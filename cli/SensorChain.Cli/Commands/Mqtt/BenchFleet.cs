using System.Security.Cryptography;
using SensorChain.Protocol;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>Every batch of a benchmark run, generated and signed before the clock starts: one chain per patient.</summary>
internal sealed class BenchFleet : IDisposable
{
    private BenchFleet(DeviceKey[] keys, byte[][][] batches, int samplesPerBatch)
    {
        Keys = keys;
        Batches = batches;
        SamplesPerBatch = samplesPerBatch;
    }

    public DeviceKey[] Keys { get; }

    /// <summary>[patient][second] signed batch bytes.</summary>
    public byte[][][] Batches { get; }

    public int SamplesPerBatch { get; }

    public int BytesPerBatch => Batches[0][0].Length;

    public static BenchFleet Create(int patients, int seconds)
    {
        var channels = FullKit(new Random(42));
        var keys = new DeviceKey[patients];
        var batches = new byte[patients][][];
        Parallel.For(0, patients, p =>
        {
            var key = keys[p] = DeviceKey.Create();
            var chain = batches[p] = new byte[seconds][];
            var previous = BatchHash.Zero;
            var salt = new byte[16];
            for (var s = 0; s < seconds; s++)
            {
                RandomNumberGenerator.Fill(salt);
                var batch = new SensorBatch(key.Id, (ulong)s, previous, 1_767_225_600_000 + (s * 1000L), 1000, [.. salt], channels);
                var signed = BatchCodec.Sign(batch, key);
                chain[s] = signed.Bytes.ToArray();
                previous = signed.Hash;
            }
        });
        var samples = new SensorBatch(keys[0].Id, 0, BatchHash.Zero, 0, 1000, new byte[16], channels).SampleCount;
        return new BenchFleet(keys, batches, samples);
    }

    public void Dispose()
    {
        foreach (var key in Keys)
        {
            key.Dispose();
        }
    }

    /// <summary>One second of the full bedside kit at the simulator's rates.</summary>
    private static List<ChannelBlock> FullKit(Random random)
    {
        double[] Wave(int n, double amplitude) => [.. Enumerable.Range(0, n).Select(i => (amplitude * Math.Sin(i * 0.07)) + (random.NextDouble() * amplitude * 0.05))];
        return
        [
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
        ];
    }
}
