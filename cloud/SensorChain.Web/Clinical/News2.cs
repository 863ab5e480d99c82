namespace SensorChain.Web.Clinical;

/// <summary>NEWS2 (Royal College of Physicians, 2017) from numeric vitals, SpO2 scale 1.</summary>
public static class News2
{
    /// <summary>Scores the given parameters; missing ones score 0 and are listed in <see cref="News2Result.Missing"/>.</summary>
    public static News2Result Score(double? respirationRate, double? spo2, double? systolic, double? pulse, double? temperature, bool? alert = null, bool? onOxygen = null)
    {
        var missing = new List<string>();
        var parts = new List<int>
        {
            Part(respirationRate, "respiration rate", missing, rr => rr <= 8 ? 3 : rr <= 11 ? 1 : rr <= 20 ? 0 : rr <= 24 ? 2 : 3),
            Part(spo2, "SpO2", missing, s => s <= 91 ? 3 : s <= 93 ? 2 : s <= 95 ? 1 : 0),
            Part(systolic, "systolic BP", missing, bp => bp <= 90 ? 3 : bp <= 100 ? 2 : bp <= 110 ? 1 : bp <= 219 ? 0 : 3),
            Part(pulse, "pulse", missing, p => p <= 40 ? 3 : p <= 50 ? 1 : p <= 90 ? 0 : p <= 110 ? 1 : p <= 130 ? 2 : 3),
            Part(temperature, "temperature", missing, t => t <= 35.0 ? 3 : t <= 36.0 ? 1 : t <= 38.0 ? 0 : t <= 39.0 ? 1 : 2),
        };
        if (alert is null)
        {
            missing.Add("consciousness");
        }
        else if (!alert.Value)
        {
            parts.Add(3);
        }

        if (onOxygen is null)
        {
            missing.Add("supplemental oxygen");
        }
        else if (onOxygen.Value)
        {
            parts.Add(2);
        }

        var total = parts.Sum();
        var risk = total >= 7 ? "high" : total >= 5 ? "medium" : parts.Contains(3) ? "low-medium" : "low";
        return new News2Result(total, risk, missing);
    }

    private static int Part(double? value, string name, List<string> missing, Func<double, int> score)
    {
        if (value is not { } v)
        {
            missing.Add(name);
            return 0;
        }

        return score(Math.Round(v, 1));
    }
}
