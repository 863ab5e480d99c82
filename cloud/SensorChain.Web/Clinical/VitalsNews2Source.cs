using SensorChain.Clinical.News2;
using SensorChain.Web.Live;

namespace SensorChain.Web.Clinical;

/// <summary>
/// NEWS2 of the live hub's latest vitals, scored by SensorChain.Clinical's <see cref="News2Scorer"/> (the product's one
/// NEWS2 implementation; this class only adapts it to the patient list).
/// </summary>
public sealed class VitalsNews2Source(LiveHub hub) : INews2Source
{
    /// <inheritdoc />
    public ValueTask<News2Result?> GetAsync(string patientId, CancellationToken cancellationToken)
    {
        var v = hub.Latest(patientId);
        return ValueTask.FromResult(v is null ? null : Score(v.RespirationRate, v.SpO2, v.Systolic, v.HeartRate, v.Temperature));
    }

    /// <summary>
    /// Scores numeric vitals with <see cref="News2Scorer"/>. Consciousness and supplemental oxygen are not measured at
    /// home: the scorer takes them as alert and air, and they are listed as missing with any vital that is null.
    /// </summary>
    public static News2Result Score(double? respirationRate, double? spo2, double? systolic, double? pulse, double? temperature)
    {
        var score = News2Scorer.Score(new News2Inputs(respirationRate, spo2, systolic, pulse, temperature));
        var risk = score.Response switch
        {
            News2Response.Emergency => "high",
            News2Response.Urgent => "medium",
            News2Response.LowMediumSingleRed => "low-medium",
            _ => "low",
        };
        var missing = new List<string>();
        foreach (var (value, name) in new[] { (respirationRate, "respiration rate"), (spo2, "SpO2"), (systolic, "systolic BP"), (pulse, "pulse"), (temperature, "temperature") })
        {
            if (value is not { } v || !double.IsFinite(v))
            {
                missing.Add(name);
            }
        }

        missing.Add("consciousness");
        missing.Add("supplemental oxygen");
        return new News2Result(score.Total, risk, missing);
    }
}
