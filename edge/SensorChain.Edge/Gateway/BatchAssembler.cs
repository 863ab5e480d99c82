using System.Security.Cryptography;
using SensorChain.Edge.Outbox;
using SensorChain.Protocol;

namespace SensorChain.Edge.Gateway;

/// <summary>Turns one window's channels into the next batch of the device's chain.</summary>
public static class BatchAssembler
{
    /// <summary>Builds the batch continuing <paramref name="chain"/>; channels are ordered by kind, a fresh random salt is drawn.</summary>
    /// <exception cref="InvalidOperationException">Two channels of the same kind.</exception>
    public static SensorBatch Assemble(DeviceId device, ChainState chain, long startUnixMs, uint durationMs, IEnumerable<ChannelBlock> channels)
    {
        var ordered = channels.OrderBy(c => c.Kind).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Kind == ordered[i - 1].Kind)
            {
                throw new InvalidOperationException($"The acquisition source returned two {ordered[i].Kind} channels for one window.");
            }
        }

        var salt = new byte[BatchFormat.SaltSize];
        RandomNumberGenerator.Fill(salt);
        return new SensorBatch(device, chain.NextSequence, chain.PreviousHash, startUnixMs, durationMs, salt, ordered);
    }
}
