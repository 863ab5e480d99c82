using SensorChain.Protocol;

namespace SensorChain.Edge.Acquisition;

/// <summary>
/// Where the gateway's samples come from: a physiological model in firmware-sim, or the kit's drivers on a Pi
/// (real or emulated chips). The gateway asks for consecutive windows; each call returns every channel's samples
/// for [start, start + duration), with its quality flags (a faulty sensor yields a flagged, possibly empty channel,
/// never an exception that stops the gateway).
/// </summary>
public interface IAcquisitionSource : IAsyncDisposable
{
    /// <summary>Returns the channels for the window, in any order (the batcher sorts them).</summary>
    ValueTask<IReadOnlyList<ChannelBlock>> ReadWindowAsync(long startUnixMs, uint durationMs, CancellationToken cancellationToken);
}
