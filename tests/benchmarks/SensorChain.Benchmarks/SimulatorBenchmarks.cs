using BenchmarkDotNet.Attributes;
using SensorChain.FirmwareSim;
using SensorChain.Protocol;

namespace SensorChain.Benchmarks;

/// <summary>
/// Cost of one simulated patient-second: the full kit rendered as channel blocks (fleet mode), and the continuous
/// signal functions sampled at the chips' rates (chip emulation). Target: well under 1 ms per patient-second.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private const long Start = 1_763_780_400_000;
    private VirtualPatient _patient = null!;
    private long _second;

    /// <summary>Scenario under test.</summary>
    [Params("stable", "atrial-fibrillation", "fall")]
    public string Scenario { get; set; } = "stable";

    /// <summary>Builds the patient.</summary>
    [GlobalSetup]
    public void Setup() => _patient = new VirtualPatient(42, FirmwareSim.Scenario.Parse(Scenario), Start);

    /// <summary>One 1-s window of every channel (ECG 250 Hz, EMG 500 Hz, PPG 100 Hz, accel 3×50 Hz, GSR, numerics, spots).</summary>
    [Benchmark]
    public IReadOnlyList<ChannelBlock> RenderOnePatientSecond()
    {
        _second = (_second + 1) % 3600;
        return _patient.RenderWindow(Start + (_second * 1000), 1000);
    }

    /// <summary>The signal functions at the chips' rates for one second, as the register-level emulators call them.</summary>
    [Benchmark]
    public double SignalFunctionsOnePatientSecond()
    {
        _second = (_second + 1) % 3600;
        var t0 = (double)_second;
        var sum = 0.0;
        for (var i = 0; i < 250; i++)
        {
            sum += _patient.EcgMillivolts(t0 + (i / 250.0));
        }

        for (var i = 0; i < 100; i++)
        {
            sum += _patient.PpgCounts(t0 + (i / 100.0)).Ir;
        }

        for (var i = 0; i < 500; i++)
        {
            sum += _patient.EmgMillivolts(t0 + (i / 500.0));
        }

        for (var i = 0; i < 50; i++)
        {
            sum += _patient.AccelG(t0 + (i / 50.0)).Z;
        }

        for (var i = 0; i < 10; i++)
        {
            sum += _patient.GsrMicrosiemens(t0 + (i / 10.0));
        }

        return sum + _patient.TemperatureCelsius(t0);
    }
}
