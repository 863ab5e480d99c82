namespace SensorChain.Ingest.Access;

/// <summary>What a principal does with patient data (FHIR AuditEvent.action).</summary>
public enum PatientDataAction
{
    /// <summary>Read, search, view or stream.</summary>
    Read,

    /// <summary>Create or update.</summary>
    Write,

    /// <summary>Export, acknowledge, run an operation.</summary>
    Execute,

    /// <summary>Deliver a notification (alert, subscription) to the principal.</summary>
    Notify,
}
