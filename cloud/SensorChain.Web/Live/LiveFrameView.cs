namespace SensorChain.Web.Live;

/// <summary>A frame as sent to one viewer: only the parts their consent allows.</summary>
/// <param name="StartUnixMs">Window start.</param>
/// <param name="DurationMs">Window length.</param>
/// <param name="Sequence">Batch sequence.</param>
/// <param name="Waves">Allowed waveforms (name → rate and values).</param>
/// <param name="Vitals">Allowed numerics.</param>
public sealed record LiveFrameView(long StartUnixMs, uint DurationMs, ulong Sequence, IReadOnlyList<LiveWaveView> Waves, VitalsSnapshot Vitals);
