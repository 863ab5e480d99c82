using SensorChain.Edge.Hardware.Drivers.Adxl345;

namespace SensorChain.FirmwareSim.Chips.Signals;

/// <summary>What the emulated patient really has at an instant (the answer the drivers must recover).</summary>
public sealed record SignalTruth(
    double HeartRateBpm,
    double SpO2Percent,
    BodyPosition Posture,
    bool Falling,
    bool LeadsAttached,
    bool FingerOn,
    double TemperatureCelsius,
    double GlucoseMgPerDl,
    int Systolic,
    int Diastolic);
