using SensorChain.Edge.Acquisition;
using SensorChain.FirmwareSim;
using SensorChain.Protocol;

namespace SensorChain.Cli.Hosting;

/// <summary>Feeds a gateway from a firmware-sim <see cref="VirtualPatient"/> instead of real sensors.</summary>
internal sealed class SimulatedPatientSource(VirtualPatient patient) : IAcquisitionSource
{
    public VirtualPatient Patient => patient;

    public ValueTask<IReadOnlyList<ChannelBlock>> ReadWindowAsync(long startUnixMs, uint durationMs, CancellationToken cancellationToken) =>
        ValueTask.FromResult(patient.RenderWindow(startUnixMs, durationMs));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
