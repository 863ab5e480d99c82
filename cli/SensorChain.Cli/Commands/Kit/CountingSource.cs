using SensorChain.Edge.Acquisition;
using SensorChain.Protocol;

namespace SensorChain.Cli.Commands.Kit;

/// <summary>Counts channels with quality flags as windows pass through.</summary>
internal sealed class CountingSource(IAcquisitionSource inner) : IAcquisitionSource
{
    private long _flagged;

    public long FlaggedChannels => Interlocked.Read(ref _flagged);

    public async ValueTask<IReadOnlyList<ChannelBlock>> ReadWindowAsync(long startUnixMs, uint durationMs, CancellationToken cancellationToken)
    {
        var blocks = await inner.ReadWindowAsync(startUnixMs, durationMs, cancellationToken);
        Interlocked.Add(ref _flagged, blocks.Count(b => b.Quality != SignalQuality.Good));
        return blocks;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
