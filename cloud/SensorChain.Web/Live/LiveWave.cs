using SensorChain.Web.Consent;

namespace SensorChain.Web.Live;

/// <summary>One waveform channel of one batch.</summary>
/// <param name="Name">ecg, ppg, emg, accelX, accelY, accelZ.</param>
/// <param name="Unit">UCUM unit.</param>
/// <param name="RateHz">Sample rate.</param>
/// <param name="Values">Samples in the unit.</param>
/// <param name="Category">The consent category it belongs to.</param>
public sealed record LiveWave(string Name, string Unit, double RateHz, double[] Values, DataCategory Category);
