using SensorChain.Edge.Hardware.Kit;
using SensorChain.FirmwareSim.Chips.Kit;
using SensorChain.FirmwareSim.Chips.Signals;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Hardware.Tests;

/// <summary>An emulated kit and the gateway's KitAcquisitionSource in one process, on a manual clock.</summary>
internal sealed class KitHarness : IAsyncDisposable
{
    public KitHarness(ISignalSource source)
    {
        Kit = new EmulatedKit(source, Time);
        Source = new KitAcquisitionSource(EmulatedKit.Config(new KitBusConfig(EmulatedKit.BusId), []), Time, _ => Kit.Bus);
    }

    public ManualTimeProvider Time { get; } = new();

    public EmulatedKit Kit { get; }

    public KitAcquisitionSource Source { get; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public double Seconds => Kit.Clock.Now;

    public T Sensor<T>()
        where T : KitSensor => Source.Sensors.OfType<T>().Single();

    /// <summary>Advances the clock in 1 ms steps, polling what is due.</summary>
    public void Run(double seconds)
    {
        var steps = (int)Math.Round(seconds * 1000);
        for (var i = 0; i < steps; i++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(1));
            Source.PollDue();
        }
    }

    /// <summary>Runs past the window [now, now + 1 s) and returns its channels.</summary>
    public IReadOnlyList<ChannelBlock> NextWindow()
    {
        var start = NowMs;
        Run(1.4);
        return Source.Collect(start, 1000);
    }

    public static ChannelBlock Channel(IReadOnlyList<ChannelBlock> blocks, SensorKind kind) => blocks.Single(b => b.Kind == kind);

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        Kit.Dispose();
    }
}
