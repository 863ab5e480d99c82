using System.Security.Cryptography;
using SensorChain.FirmwareSim;
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
        var channels = SyntheticKit.Noisy(new Random(42));
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
}
