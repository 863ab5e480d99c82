namespace SensorChain.Clinical.News2;

/// <summary>National Early Warning Score 2 (Royal College of Physicians, 2017), chart 1 and 2.</summary>
public static class News2Scorer
{
    /// <summary>Respiration rate (breaths/min) score.</summary>
    public static int RespirationRate(double value)
    {
        var v = Math.Round(value, MidpointRounding.AwayFromZero);
        return v switch { <= 8 => 3, <= 11 => 1, <= 20 => 0, <= 24 => 2, _ => 3 };
    }

    /// <summary>SpO2 (%) score on the given scale; oxygen matters only on scale 2 at 93 % or more.</summary>
    public static int SpO2(double value, SpO2Scale scale, bool onOxygen)
    {
        var v = Math.Round(value, MidpointRounding.AwayFromZero);
        if (scale == SpO2Scale.Scale1)
        {
            return v switch { <= 91 => 3, <= 93 => 2, <= 95 => 1, _ => 0 };
        }

        return v switch
        {
            <= 83 => 3,
            <= 85 => 2,
            <= 87 => 1,
            <= 92 => 0,
            _ when !onOxygen => 0,
            <= 94 => 1,
            <= 96 => 2,
            _ => 3,
        };
    }

    /// <summary>Systolic blood pressure (mmHg) score.</summary>
    public static int SystolicBp(double value)
    {
        var v = Math.Round(value, MidpointRounding.AwayFromZero);
        return v switch { <= 90 => 3, <= 100 => 2, <= 110 => 1, <= 219 => 0, _ => 3 };
    }

    /// <summary>Pulse (beats/min) score.</summary>
    public static int Pulse(double value)
    {
        var v = Math.Round(value, MidpointRounding.AwayFromZero);
        return v switch { <= 40 => 3, <= 50 => 1, <= 90 => 0, <= 110 => 1, <= 130 => 2, _ => 3 };
    }

    /// <summary>Temperature (°C, one decimal) score.</summary>
    public static int Temperature(double value)
    {
        var v = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return v switch { <= 35.0 => 3, <= 36.0 => 1, <= 38.0 => 0, <= 39.0 => 1, _ => 2 };
    }

    /// <summary>Scores the available parameters.</summary>
    public static News2Result Score(News2Inputs inputs)
    {
        var parts = new List<int>(7);
        if (inputs.RespirationRate is { } rr && double.IsFinite(rr))
        {
            parts.Add(RespirationRate(rr));
        }

        if (inputs.SpO2 is { } s && double.IsFinite(s))
        {
            parts.Add(SpO2(s, inputs.Scale, inputs.OnOxygen));
        }

        if (inputs.SystolicBp is { } bp && double.IsFinite(bp))
        {
            parts.Add(SystolicBp(bp));
        }

        if (inputs.Pulse is { } p && double.IsFinite(p))
        {
            parts.Add(Pulse(p));
        }

        if (inputs.TemperatureCelsius is { } t && double.IsFinite(t))
        {
            parts.Add(Temperature(t));
        }

        var measured = parts.Count;
        parts.Add(inputs.OnOxygen ? 2 : 0);
        parts.Add(inputs.NewConfusion ? 3 : 0);
        var total = parts.Sum();
        var red = parts.Any(x => x == 3);
        var response = total >= 7 ? News2Response.Emergency
            : total >= 5 ? News2Response.Urgent
            : red ? News2Response.LowMediumSingleRed
            : News2Response.Low;
        return new News2Result(total, red, response, measured);
    }
}
