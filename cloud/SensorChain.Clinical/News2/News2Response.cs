namespace SensorChain.Clinical.News2;

/// <summary>The clinical response a NEWS2 result calls for (RCP 2017, chart 2).</summary>
public enum News2Response
{
    /// <summary>Aggregate 0–4 without a red score: ward-based response.</summary>
    Low,
    /// <summary>A single parameter scoring 3: urgent ward-based review.</summary>
    LowMediumSingleRed,
    /// <summary>Aggregate 5–6: urgent response.</summary>
    Urgent,
    /// <summary>Aggregate 7 or more: emergency response.</summary>
    Emergency,
}
