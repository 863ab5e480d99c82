using SensorChain.Edge.Hardware.Bus;
using SensorChain.Edge.Hardware.Drivers.Ads1115;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>
/// The second ADS1115 scanned in single-shot mode (860 SPS), one conversion per poll, round-robin over AIN0 = AD8232
/// LO+, AIN1 = LO−, AIN2 = GSR board, AIN3 = EMG envelope board. Each poll reads the finished conversion (OS bit
/// set) and starts the next one. GSR and EMG channels at the configured rate; lead-off feeds <see cref="LeadState"/>.
/// </summary>
public sealed class AuxAnalogSensor : KitSensor
{
    private static readonly Ads1115Input[] Sequence = [Ads1115Input.Ain0, Ads1115Input.Ain2, Ads1115Input.Ain1, Ads1115Input.Ain3];
    private readonly Ads1115 _adc;
    private readonly double _rate;
    private readonly LeadState _leads;
    private readonly TimedSeries _gsr = new();
    private readonly TimedSeries _emg = new();
    private int _current = -1;
    private double _loPlus;
    private double _startedMs;

    /// <summary>Creates the sensor; <paramref name="rateHz"/> is the per-channel rate (poll rate = 4 × rate).</summary>
    public AuxAnalogSensor(I2cDevice device, double rateHz, LeadState leads)
    {
        _adc = new Ads1115(device);
        _rate = rateHz;
        _leads = leads;
        Address = device.ConnectionSettings.DeviceAddress;
    }

    private int Address { get; }

    /// <inheritdoc />
    public override string Name => $"ads1115-aux@0x{Address:X2}";

    /// <inheritdoc />
    public override double PollIntervalMs => 1000 / (_rate * Sequence.Length);

    /// <inheritdoc />
    protected override IEnumerable<TimedSeries> AllSeries => [_gsr, _emg];

    /// <inheritdoc />
    public override void Collect(long startMs, uint durationMs, List<ChannelBlock> output)
    {
        var off = _leads.OffIn(startMs, startMs + durationMs) ? SignalQuality.Detached : SignalQuality.Good;
        output.Add(Block(SensorKind.Gsr, _gsr, startMs, durationMs, _rate, off));
        output.Add(Block(SensorKind.Emg, _emg, startMs, durationMs, _rate, SignalQuality.Good, stuckSeconds: 1));
    }

    /// <inheritdoc />
    protected override void Initialise(double nowMs)
    {
        _current = 0;
        _adc.StartSingleShot(Sequence[0], gainCode: 1, dataRate: 860);
        _startedMs = nowMs;
    }

    /// <inheritdoc />
    protected override void Read(double nowMs)
    {
        // A conversion takes 1/860 s; only poll the OS bit when this poll came sooner than twice that.
        if (nowMs - _startedMs < 2.5 && !_adc.IsConversionReady())
        {
            return;
        }

        var volts = _adc.ReadVolts();
        switch (Sequence[_current])
        {
            case Ads1115Input.Ain0:
                _loPlus = volts;
                break;
            case Ads1115Input.Ain1:
                var half = AnalogFrontEnds.SupplyVolts / 2;
                _leads.Record(nowMs, _loPlus > half || volts > half);
                break;
            case Ads1115Input.Ain2:
                _gsr.Add(nowMs, volts / AnalogFrontEnds.GsrVoltsPerMicrosiemens);
                break;
            default:
                _emg.Add(nowMs, volts / AnalogFrontEnds.EmgVoltsPerMillivolt);
                break;
        }

        _current = (_current + 1) % Sequence.Length;
        _adc.StartSingleShot(Sequence[_current], gainCode: 1, dataRate: 860);
        _startedMs = nowMs;
    }
}
