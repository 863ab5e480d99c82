namespace SensorChain.Web.Clinical;

/// <summary>Where an alert is in its lifecycle.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AlertState>))]
public enum AlertState
{
    /// <summary>Raised, nobody has taken it yet.</summary>
    Open,
    /// <summary>Someone acknowledged it.</summary>
    Acknowledged,
    /// <summary>Passed up to a doctor / rapid-response team.</summary>
    Escalated,
}
