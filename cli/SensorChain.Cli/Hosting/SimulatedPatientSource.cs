using SensorChain.Edge.Acquisition;
using SensorChain.FirmwareSim;
using SensorChain.Protocol;

namespace SensorChain.Cli.Hosting;

/// <summary>
/// Feeds a gateway from a firmware-sim <see cref="VirtualPatient"/> instead of real sensors. The patient's scenario
/// starts at the first window the gateway asks for, so the run's first spot readings (temperature, glucose, blood
/// pressure) fall in the first batch whenever the gateway starts.
/// </summary>
internal sealed class SimulatedPatientSource(Func<long, VirtualPatient> createAt) : IAcquisitionSource
{
    private VirtualPatient? _patient;

    public ValueTask<IReadOnlyList<ChannelBlock>> ReadWindowAsync(long startUnixMs, uint durationMs, CancellationToken cancellationToken)
    {
        _patient ??= createAt(startUnixMs);
        return ValueTask.FromResult(_patient.RenderWindow(startUnixMs, durationMs));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
