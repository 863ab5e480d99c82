using SensorChain.Edge.Acquisition;
using SensorChain.Protocol;

namespace SensorChain.Edge.Tests;

/// <summary>Returns a heart-rate and an ECG channel whose values encode the window start, so tests can check order.</summary>
internal sealed class FakeSource : IAcquisitionSource
{
    public ValueTask<IReadOnlyList<ChannelBlock>> ReadWindowAsync(long startUnixMs, uint durationMs, CancellationToken cancellationToken)
    {
        var ecg = Enumerable.Range(0, 250).Select(i => Math.Sin(i / 5.0)).ToArray();
        IReadOnlyList<ChannelBlock> channels =
        [
            ChannelBlock.FromValues(SensorKind.Ecg, 250, ecg),
            ChannelBlock.FromValues(SensorKind.HeartRate, 1, [60 + (startUnixMs / 1000 % 60)]),
        ];
        return ValueTask.FromResult(channels);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
