using SensorChain.Edge.Hardware.Bus;
using SensorChain.Edge.Hardware.Drivers.Ads1115;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>
/// AD8232 ECG through an ADS1115 in continuous mode on AIN0 (860 SPS, ±4.096 V), read at the channel rate;
/// lead-off from the aux ADC's LO+/LO− inputs (<see cref="LeadState"/>), output railing → Saturated.
/// </summary>
public sealed class EcgSensor : KitSensor
{
    private readonly Ads1115 _adc;
    private readonly double _rate;
    private readonly LeadState _leads;
    private readonly TimedSeries _ecg = new();

    /// <summary>Creates the sensor.</summary>
    public EcgSensor(I2cDevice device, double rateHz, LeadState leads)
    {
        _adc = new Ads1115(device);
        _rate = rateHz;
        _leads = leads;
        Address = device.ConnectionSettings.DeviceAddress;
    }

    private int Address { get; }

    /// <inheritdoc />
    public override string Name => $"ads1115-ecg@0x{Address:X2}";

    /// <inheritdoc />
    public override double PollIntervalMs => 1000 / _rate;

    /// <inheritdoc />
    protected override IEnumerable<TimedSeries> AllSeries => [_ecg];

    /// <inheritdoc />
    public override void Collect(long startMs, uint durationMs, List<ChannelBlock> output)
    {
        var extra = _leads.OffIn(startMs, startMs + durationMs) ? SignalQuality.LeadOff : SignalQuality.Good;
        var block = Block(SensorKind.Ecg, _ecg, startMs, durationMs, _rate, extra, stuckSeconds: 0.5);
        var saturated = false;
        foreach (var v in block.Values)
        {
            saturated |= Math.Abs(v) >= 16_000;
        }

        output.Add(saturated ? block with { Quality = block.Quality | SignalQuality.Saturated } : block);
    }

    /// <inheritdoc />
    protected override void Initialise(double nowMs) => _adc.StartContinuous(Ads1115Input.Ain0, gainCode: 1, dataRate: 860);

    /// <inheritdoc />
    protected override void Read(double nowMs) =>
        _ecg.Add(nowMs, AnalogFrontEnds.EcgMillivolts(_adc.ReadVolts()));
}
