namespace SensorChain.Clinical.Detection;

/// <summary>Clinical condition ids (the same vocabulary as the simulator's scenarios).</summary>
public static class ConditionIds
{
    public const string Tachycardia = "tachycardia";
    public const string Bradycardia = "bradycardia";
    public const string AtrialFibrillation = "atrial-fibrillation";
    public const string Desaturation = "desaturation";
    public const string Fever = "fever";
    public const string Hypoglycemia = "hypoglycemia";
    public const string Hyperglycemia = "hyperglycemia";
    public const string HypertensiveCrisis = "hypertensive-crisis";
    public const string Hypotension = "hypotension";
    public const string Fall = "fall";
    public const string SensorDetached = "sensor-detached";
    public const string News2Urgent = "news2-urgent";
    public const string News2Emergency = "news2-emergency";
    public const string Asystole = "asystole";
    public const string Pause = "pause";
}
