namespace SensorChain.FirmwareSim;

/// <summary>Sample rates and spot-reading intervals of the virtual kit.</summary>
public static class SimulatorRates
{
    /// <summary>ECG (AD8232 front end on an ADS1115, whose fastest rate is 860 SPS shared by its inputs).</summary>
    public const int EcgHz = 250;
    /// <summary>PPG (MAX30102 at 100 samples/s).</summary>
    public const int PpgHz = 100;
    /// <summary>Surface EMG.</summary>
    public const int EmgHz = 500;
    /// <summary>Accelerometer (ADXL345 at 50 Hz output data rate).</summary>
    public const int AccelHz = 50;
    /// <summary>Galvanic skin response.</summary>
    public const int GsrHz = 10;
    /// <summary>Pulse-oximeter numerics: heart rate, SpO2, respiration rate.</summary>
    public const int NumericsHz = 1;
    /// <summary>Body temperature spot reading interval.</summary>
    public static readonly TimeSpan TemperatureInterval = TimeSpan.FromSeconds(60);
    /// <summary>Glucose meter reading interval.</summary>
    public static readonly TimeSpan GlucoseInterval = TimeSpan.FromSeconds(300);
    /// <summary>Blood-pressure cuff reading interval.</summary>
    public static readonly TimeSpan BloodPressureInterval = TimeSpan.FromSeconds(300);
    /// <summary>Spot interval after the onset of a scenario that changes that reading.</summary>
    public static readonly TimeSpan FrequentSpotInterval = TimeSpan.FromSeconds(15);
}
