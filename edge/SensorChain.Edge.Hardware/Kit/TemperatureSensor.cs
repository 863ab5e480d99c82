using SensorChain.Edge.Hardware.Bus;
using SensorChain.Edge.Hardware.Drivers.Tmp117;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>TMP117 body temperature, one conversion per second, polled for Data_Ready four times a second.</summary>
public sealed class TemperatureSensor : KitSensor
{
    private readonly Tmp117 _chip;
    private readonly TimedSeries _temperature = new();

    /// <summary>Creates the sensor.</summary>
    public TemperatureSensor(I2cDevice device)
    {
        _chip = new Tmp117(device);
        Address = device.ConnectionSettings.DeviceAddress;
    }

    private int Address { get; }

    /// <inheritdoc />
    public override string Name => $"tmp117@0x{Address:X2}";

    /// <inheritdoc />
    public override double PollIntervalMs => 250;

    /// <inheritdoc />
    protected override IEnumerable<TimedSeries> AllSeries => [_temperature];

    /// <inheritdoc />
    public override void Collect(long startMs, uint durationMs, List<ChannelBlock> output)
    {
        var raw = _temperature.Raw(startMs - 500, startMs + durationMs);
        var quality = _temperature.FlagsIn(startMs, startMs + durationMs) | (Faulted ? SignalQuality.DeviceFault : SignalQuality.Good);
        output.Add(raw.Count == 0
            ? ChannelBlock.FromValues(SensorKind.BodyTemperature, 1, [], quality | SignalQuality.Incomplete)
            : ChannelBlock.FromValues(SensorKind.BodyTemperature, 1, [raw[^1].V], quality));
    }

    /// <inheritdoc />
    protected override void Initialise(double nowMs) => _chip.Configure();

    /// <inheritdoc />
    protected override void Read(double nowMs)
    {
        if (_chip.TryRead() is { } celsius)
        {
            _temperature.Add(nowMs, celsius);
        }
    }
}
