namespace SensorChain.Web.Audit;

/// <summary>FHIR AuditEvent.action codes.</summary>
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
