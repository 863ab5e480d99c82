namespace SensorChain.Web.Live;

/// <summary>What the live view gets per accepted batch: waveforms and numeric vitals, filtered by consent.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="StartUnixMs">Window start, Unix ms.</param>
/// <param name="DurationMs">Window length.</param>
/// <param name="Sequence">Batch sequence number.</param>
/// <param name="Waves">Waveforms.</param>
/// <param name="Vitals">Numeric vitals of this window.</param>
public sealed record LiveFrame(string PatientId, long StartUnixMs, uint DurationMs, ulong Sequence, IReadOnlyList<LiveWave> Waves, VitalsSnapshot Vitals);
