namespace SensorChain.Clinical.News2;

/// <summary>NEWS2 SpO2 scale, chosen per patient by a clinician.</summary>
public enum SpO2Scale
{
    /// <summary>Scale 1: the default.</summary>
    Scale1 = 1,
    /// <summary>Scale 2: hypercapnic respiratory failure with a prescribed target of 88–92 %.</summary>
    Scale2 = 2,
}
