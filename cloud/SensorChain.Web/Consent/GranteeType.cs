namespace SensorChain.Web.Consent;

/// <summary>Who a consent grant is for.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<GranteeType>))]
public enum GranteeType
{
    /// <summary>One user (caregiver or doctor).</summary>
    Person,
    /// <summary>Every doctor of an organization.</summary>
    Organization,
    /// <summary>De-identified research use.</summary>
    Research,
}
