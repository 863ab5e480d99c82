using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Storage;

/// <summary>
/// What a store that renders batch Observations on read (<see cref="IIngestStore.KeepsBatchObservationsAsReferences"/>)
/// keeps instead of an Observation's JSON: the raw batch it was mapped from and the patient it was mapped for. The
/// Observation is <c>BatchFhirMapper.MapObservations(batch, patient)</c>, so the reference plus the stored, hashed raw
/// batch give back the same JSON. Written as <c>batch-observation:1:&lt;device&gt;:&lt;sequence&gt;:&lt;patient&gt;</c> in place of
/// the JSON (JSON always starts with <c>{</c>); the <c>1</c> is <see cref="RenderVersion"/>.
/// </summary>
/// <param name="Device">The batch's device.</param>
/// <param name="Sequence">The batch's sequence number.</param>
/// <param name="PatientId">The patient the device was enrolled to when the batch was ingested.</param>
public readonly record struct BatchObservationReference(DeviceId Device, ulong Sequence, string PatientId)
{
    /// <summary>
    /// Version of the mapping a reference is rendered with. A change to what <c>BatchFhirMapper</c> writes into a batch
    /// Observation must bump it and keep rendering references of earlier versions as they were: stored Observations do
    /// not change (tests/SensorChain.Cloud.Tests pins the rendering of a known batch).
    /// </summary>
    public const int RenderVersion = 1;

    private const string Prefix = "batch-observation:";

    /// <summary>The stored form.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{RenderVersion}:{Device}:{Sequence}:{PatientId}");

    /// <summary>True when <paramref name="stored"/> is a reference rather than JSON.</summary>
    public static bool IsReference(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Parses the stored form.</summary>
    /// <exception cref="FormatException">Not a reference this version can render (the message says which part).</exception>
    public static BatchObservationReference Parse(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!TryParse(stored, out var reference, out var error))
        {
            // Not the reference itself in the message: it names the patient, and messages reach logs.
            throw new FormatException($"Stored batch Observation reference: {error}.");
        }

        return reference;
    }

    private static bool TryParse(string stored, out BatchObservationReference reference, [NotNullWhen(false)] out string? error)
    {
        reference = default;
        var parts = stored.Split(':', 5);
        if (parts.Length != 5 || parts[0] + ":" != Prefix)
        {
            error = "expected batch-observation:<version>:<device>:<sequence>:<patient>";
            return false;
        }

        if (parts[1] != RenderVersion.ToString(CultureInfo.InvariantCulture))
        {
            error = $"render version {parts[1]} is not known to this build (it renders version {RenderVersion})";
            return false;
        }

        if (!DeviceId.TryParse(parts[2], out var device))
        {
            error = "the device id is not valid";
            return false;
        }

        if (!ulong.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            error = "the sequence number is not valid";
            return false;
        }

        if (parts[4].Length == 0)
        {
            error = "the patient id is empty";
            return false;
        }

        reference = new BatchObservationReference(device, sequence, parts[4]);
        error = null;
        return true;
    }
}
