using SensorChain.Edge.Acquisition;
using SensorChain.Protocol;

namespace SensorChain.Cli.Commands.Kit;

/// <summary>Counts channels with quality flags as windows pass through.</summary>
internal sealed class CountingSource(IAcquisitionSource inner) : IAcquisitionSource
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byKind = new();
    private long _flagged;

    /// <summary>Flagged channel count per "kind:flags".</summary>
    public IReadOnlyDictionary<string, int> ByKind => _byKind;

    public long FlaggedChannels => Interlocked.Read(ref _flagged);

    public async ValueTask<IReadOnlyList<ChannelBlock>> ReadWindowAsync(long startUnixMs, uint durationMs, CancellationToken cancellationToken)
    {
        var blocks = await inner.ReadWindowAsync(startUnixMs, durationMs, cancellationToken);
        foreach (var b in blocks.Where(b => b.Quality != SignalQuality.Good))
        {
            Interlocked.Increment(ref _flagged);
            _byKind.AddOrUpdate($"{b.Kind}:{b.Quality}", 1, (_, n) => n + 1);
        }

        return blocks;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
