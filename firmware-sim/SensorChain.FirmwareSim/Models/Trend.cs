namespace SensorChain.FirmwareSim.Models;

/// <summary>
/// A slowly varying vital: baseline + a smoothstep ramp of <see cref="Delta"/> from the onset + a gentle sinusoidal
/// drift. Its time integral has a closed form, so phases (cardiac, respiratory) need no integration state.
/// </summary>
internal readonly record struct Trend(double Base, double Delta, double OnsetS, double RampS, double Drift, double DriftOmega, double DriftPhase)
{
    /// <summary>The ramp's progress 0..1 at <paramref name="t"/> (smoothstep 3u² − 2u³).</summary>
    public double Progress(double t)
    {
        if (t <= OnsetS)
        {
            return 0;
        }

        if (RampS <= 0 || t >= OnsetS + RampS)
        {
            return 1;
        }

        var u = (t - OnsetS) / RampS;
        return u * u * (3 - (2 * u));
    }

    /// <summary>The value at <paramref name="t"/> seconds.</summary>
    public double Value(double t) => Base + (Delta * Progress(t)) + (Drift * Math.Sin((DriftOmega * t) + DriftPhase));

    /// <summary>The value without drift (the scenario's trajectory).</summary>
    public double Target(double t) => Base + (Delta * Progress(t));

    /// <summary>∫ Value dt from an arbitrary fixed origin.</summary>
    public double Integral(double t)
    {
        var ramp = 0.0;
        if (Delta != 0 && t > OnsetS)
        {
            if (RampS <= 0)
            {
                ramp = t - OnsetS;
            }
            else if (t >= OnsetS + RampS)
            {
                ramp = (RampS / 2) + (t - OnsetS - RampS);
            }
            else
            {
                var u = (t - OnsetS) / RampS;
                var u3 = u * u * u;
                ramp = RampS * (u3 - (u3 * u / 2));
            }
        }

        var drift = DriftOmega == 0 ? 0 : -Drift / DriftOmega * Math.Cos((DriftOmega * t) + DriftPhase);
        return (Base * t) + (Delta * ramp) + drift;
    }
}
