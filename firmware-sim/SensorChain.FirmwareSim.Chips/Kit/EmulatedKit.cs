using SensorChain.Edge.Hardware.Bus;
using SensorChain.Edge.Hardware.Drivers.Adxl345;
using SensorChain.Edge.Hardware.Drivers.Max30102;
using SensorChain.Edge.Hardware.Kit;
using SensorChain.FirmwareSim.Chips.I2c;
using SensorChain.FirmwareSim.Chips.Serial;
using SensorChain.FirmwareSim.Chips.Signals;

namespace SensorChain.FirmwareSim.Chips.Kit;

/// <summary>
/// One emulated bedside kit: MAX30102 (0x57), ADS1115 for the AD8232 ECG (0x48), ADS1115 for LO±/GSR/EMG (0x49),
/// TMP117 (0x4A) and ADXL345 (0x53) on bus 1, driven by an <see cref="ISignalSource"/>; optionally exposed to another
/// process (I2C over a Unix socket, glucose meter and BP cuff on pseudo-terminals) with kit.json written next to them.
/// </summary>
public sealed class EmulatedKit : IDisposable
{
    /// <summary>Bus number used by the kit.</summary>
    public const int BusId = 1;

    private I2cSocketServer? _server;

    /// <summary>Builds the chips.</summary>
    public EmulatedKit(ISignalSource source, TimeProvider time)
    {
        Source = new FaultableSignalSource(source);
        Clock = new ChipClock(time);
        Bus = new EmulatedI2cBus(BusId);
        Ppg = new Max30102Chip(Source, Clock);
        Ecg = new Ads1115Chip(0x48, Clock, (t, ain) => ain == 0
            ? (Source.LeadsAttached(t) ? AnalogFrontEnds.Ad8232OutputVolts(Source.EcgMillivolts(t)) : AnalogFrontEnds.SupplyVolts)
            : 0);
        Aux = new Ads1115Chip(0x49, Clock, (t, ain) => ain switch
        {
            0 or 1 => Source.LeadsAttached(t) ? 0.05 : AnalogFrontEnds.SupplyVolts,
            2 => Source.SkinConductanceMicrosiemens(t) * AnalogFrontEnds.GsrVoltsPerMicrosiemens,
            _ => Source.EmgEnvelopeMillivolts(t) * AnalogFrontEnds.EmgVoltsPerMillivolt,
        });
        Temperature = new Tmp117Chip(0x4A, Clock, Source.TemperatureCelsius);
        Accelerometer = new Adxl345Chip(Source, Clock);
        Bus.Attach(Ppg);
        Bus.Attach(Ecg);
        Bus.Attach(Aux);
        Bus.Attach(Temperature);
        Bus.Attach(Accelerometer);
    }

    /// <summary>The signals with fault switches.</summary>
    public FaultableSignalSource Source { get; }

    /// <summary>Kit clock.</summary>
    public ChipClock Clock { get; }

    /// <summary>The in-process bus.</summary>
    public EmulatedI2cBus Bus { get; }

    /// <summary>Chips.</summary>
    public Max30102Chip Ppg { get; }

    /// <summary>ECG ADC.</summary>
    public Ads1115Chip Ecg { get; }

    /// <summary>Aux ADC.</summary>
    public Ads1115Chip Aux { get; }

    /// <summary>Thermometer.</summary>
    public Tmp117Chip Temperature { get; }

    /// <summary>Accelerometer.</summary>
    public Adxl345Chip Accelerometer { get; }

    /// <summary>Glucose meter (after <see cref="Expose"/>).</summary>
    public GlucoseMeterDevice? Glucose { get; private set; }

    /// <summary>BP cuff (after <see cref="Expose"/>).</summary>
    public BloodPressureMonitorDevice? BloodPressure { get; private set; }

    /// <summary>The kit's sensors at full rates on <paramref name="bus"/>.</summary>
    public static KitConfig Config(KitBusConfig bus, IReadOnlyList<KitSerialConfig> serial) => new()
    {
        I2c = [bus],
        Sensors =
        [
            new KitSensorConfig("max30102", BusId, Max30102.DefaultI2cAddress, 100),
            new KitSensorConfig("ads1115-ecg", BusId, 0x48, 250),
            new KitSensorConfig("ads1115-aux", BusId, 0x49, 25),
            new KitSensorConfig("tmp117", BusId, 0x4A, 1),
            new KitSensorConfig("adxl345", BusId, Adxl345.DefaultI2cAddress, 50),
        ],
        Serial = serial,
    };

    /// <summary>
    /// Serves the bus on DIR/i2c-1.sock, starts the glucose meter and cuff on PTYs linked as DIR/glucose.tty and
    /// DIR/bp.tty, and writes DIR/kit.json. Returns the kit.json path.
    /// </summary>
    public string Expose(string directory, double glucoseIntervalSeconds = 30, double bloodPressureIntervalSeconds = 60)
    {
        Directory.CreateDirectory(directory);
        var socket = Path.Combine(directory, "i2c-1.sock");
        _server = new I2cSocketServer(Bus, socket);
        Glucose = new GlucoseMeterDevice(Source, Clock, Path.Combine(directory, "glucose.tty"), glucoseIntervalSeconds);
        BloodPressure = new BloodPressureMonitorDevice(Source, Clock, Path.Combine(directory, "bp.tty"), bloodPressureIntervalSeconds);
        Glucose.Start();
        BloodPressure.Start();
        var config = Config(new KitBusConfig(BusId, socket), [
            new KitSerialConfig("glucose-astm", Glucose.LinkPath, Glucose.Baud),
            new KitSerialConfig("bp-nmea", BloodPressure.LinkPath, BloodPressure.Baud),
        ]);
        var path = Path.Combine(directory, "kit.json");
        File.WriteAllText(path, config.ToJson());
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _server?.Dispose();
        Glucose?.Dispose();
        BloodPressure?.Dispose();
        Bus.Dispose();
    }
}
