using System.Globalization;
using SensorChain.Ingest.Pipeline;
using SensorChain.Web.Live;

namespace SensorChain.Web.Clinical;

/// <summary>
/// Fallback alert rules for when SensorChain.Clinical is not wired in: desaturation (SpO2 &lt; 90 %),
/// tachycardia (&gt; 130 /min) and bradycardia (&lt; 40 /min) on a batch's mean, one open alert per rule and patient.
/// </summary>
public sealed class VitalsAlertDetector(InMemoryAlertSource alerts) : IAcceptedBatchHandler
{
    /// <inheritdoc />
    public string Name => "web-vitals-alerts";

    /// <inheritdoc />
    public ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken)
    {
        var v = LiveFrameBuilder.Build(batch).Vitals;
        if (v.SpO2 is < 90)
        {
            RaiseOnce(batch.PatientId, "critical", "SpO2 below 90 %", $"SpO2 {Format(v.SpO2)} %");
        }

        if (v.HeartRate is > 130)
        {
            RaiseOnce(batch.PatientId, "warning", "Heart rate above 130 /min", $"HR {Format(v.HeartRate)} /min");
        }

        if (v.HeartRate is < 40)
        {
            RaiseOnce(batch.PatientId, "critical", "Heart rate below 40 /min", $"HR {Format(v.HeartRate)} /min");
        }

        return ValueTask.CompletedTask;
    }

    private void RaiseOnce(string patientId, string severity, string title, string detail)
    {
        if (!alerts.HasOpen(patientId, title))
        {
            alerts.Raise(patientId, severity, title, detail);
        }
    }

    private static string Format(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?";
}
