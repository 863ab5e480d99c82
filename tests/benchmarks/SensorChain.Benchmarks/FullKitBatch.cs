using SensorChain.FirmwareSim;
using SensorChain.Protocol;

namespace SensorChain.Benchmarks;

/// <summary>A one-second batch of the full bedside kit at the simulator's rates (about 1,400 samples).</summary>
internal static class FullKitBatch
{
    public static SensorBatch Create(DeviceKey key, ulong sequence = 0)
    {
        var random = new Random(42);
        var channels = SyntheticKit.Noisy(random);
        var salt = new byte[16];
        random.NextBytes(salt);
        var previous = sequence == 0 ? BatchHash.Zero : BatchHash.Compute([1, 2, 3]);
        return new SensorBatch(key.Id, sequence, previous, 1_767_225_600_000, 1000, salt, channels);
    }
}
