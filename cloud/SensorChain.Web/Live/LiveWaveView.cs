namespace SensorChain.Web.Live;

/// <summary>A waveform as sent to a viewer.</summary>
/// <param name="Name">ecg, ppg, ….</param>
/// <param name="Unit">UCUM unit.</param>
/// <param name="RateHz">Sample rate.</param>
/// <param name="Values">Samples.</param>
public sealed record LiveWaveView(string Name, string Unit, double RateHz, double[] Values);
