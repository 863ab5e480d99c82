namespace SensorChain.Web.Audit;

/// <summary>FHIR AuditEvent.action codes.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AuditAction>))]
public enum AuditAction
{
    /// <summary>C: create.</summary>
    Create,
    /// <summary>R: read or view.</summary>
    Read,
    /// <summary>U: update.</summary>
    Update,
    /// <summary>D: delete.</summary>
    Delete,
    /// <summary>E: execute (export, acknowledge).</summary>
    Execute,
}
