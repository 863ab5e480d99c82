namespace SensorChain.Edge.Hardware.Drivers.Max30102;

/// <summary>Pulse rate and SpO2 computed from a PPG window; NaN when not computable.</summary>
/// <param name="PulseRateBpm">Beats per minute from IR peak intervals.</param>
/// <param name="SpO2Percent">Oxygen saturation from the red/IR ratio of ratios.</param>
/// <param name="FingerOn">False when the IR DC level is below the finger-present threshold.</param>
/// <param name="RatioOfRatios">R = (AC_red/DC_red)/(AC_ir/DC_ir).</param>
public readonly record struct PulseOximetryEstimate(double PulseRateBpm, double SpO2Percent, bool FingerOn, double RatioOfRatios);
